package io.authcert.transport.winrm.http;

import io.authcert.security.cbt.ChannelBindings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One authentication scheme of one connection, so that connection-bound schemes (NTLM, Kerberos
 * with message encryption) and per-request ones (Basic) share the HTTP client.
 */
public interface HttpAuthenticator {

    /** The {@code Authorization} header for the next request on this connection, if any. */
    Optional<String> authorization() throws IOException;

    /**
     * Takes a 401's {@code WWW-Authenticate} challenges; true when the request should be sent again
     * with the next {@link #authorization()} (another leg of a handshake), false when the server
     * refused the credentials.
     */
    boolean challenge(List<String> wwwAuthenticate) throws IOException;

    /** A new TCP connection was opened: a connection-bound scheme starts its handshake again. */
    void connectionOpened();

    /**
     * The channel bindings of the TLS connection just opened (RFC 5929 tls-server-end-point of the
     * certificate the server presented), given after {@link #connectionOpened()} and over HTTPS only:
     * a scheme that binds its logon to the channel (NTLM's MsvAvChannelBindings) keeps them for this
     * connection, so a TLS man-in-the-middle cannot relay it.
     */
    default void channelBindings(ChannelBindings bindings) {
    }

    /**
     * Takes the answer (any status but 401) to a request of this connection, so that a scheme with mutual
     * authentication (Kerberos) can check the server's token in {@code WWW-Authenticate} before the
     * answer is used.
     *
     * @throws IOException when the answer must not be trusted
     */
    default void answered(HttpResponse response) throws IOException {
    }

    /**
     * True while this connection must authenticate with empty-body requests before a message may go
     * (NTLM; Kerberos with message encryption), so that nothing travels in clear or twice; Basic, and
     * Kerberos over HTTPS, send the message at once.
     */
    default boolean handshakePending() {
        return false;
    }

    /** Message encryption for this connection, once authenticated; empty when messages travel as they are. */
    default Optional<MessageSealing> sealing() {
        return Optional.empty();
    }
}
