package io.authcert.transport.winrm.http;

import io.authcert.transport.winrm.kerberos.KerberosException;
import io.authcert.transport.winrm.kerberos.KerberosInitiator;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.kerberos.KerberosUser;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Kerberos through the JDK's GSS-API, one context per TCP connection, as pywinrm with
 * requests_kerberos speaks it: a raw Kerberos token under {@code Negotiate}, mutual authentication
 * required (the server's {@code WWW-Authenticate: Negotiate} token on the answer is checked before the
 * answer is used), no {@code Authorization} header once the connection is authenticated.
 *
 * <ul>
 *   <li>With message encryption (HTTP): an empty-body request carries the token first, as pywinrm's
 *       {@code setup_encryption} sends one, so no SOAP travels before the server proved who it is; then
 *       every body is sealed with the context ({@code KerberosSealer}, MS-WSMV 2.2.9.1).</li>
 *   <li>Without (HTTPS): the token goes with the first message and the answer's token is checked.</li>
 * </ul>
 *
 * The user's TGT comes from the run's {@link KerberosLogins}; the first connection gets the service
 * ticket, later ones reuse it.
 */
public final class KerberosAuthenticator implements HttpAuthenticator {

    private enum State { NEW, TOKEN_SENT, AUTHENTICATED }

    private final KerberosLogins logins;
    private final KerberosUser user;
    private final String service;
    private final boolean delegate;
    private final boolean encrypt;
    private State state = State.NEW;
    private KerberosInitiator initiator;
    private MessageSealing sealing;

    /**
     * @param service  {@code HTTP@host}, host-based as GSS-API names it
     * @param delegate forward the user's TGT to the server ({@code ansible_winrm_kerberos_delegation})
     * @param encrypt  seal every body (HTTP); false over HTTPS
     */
    public KerberosAuthenticator(KerberosLogins logins, KerberosUser user, String service, boolean delegate,
                                 boolean encrypt) {
        this.logins = logins;
        this.user = user;
        this.service = service;
        this.delegate = delegate;
        this.encrypt = encrypt;
    }

    @Override
    public boolean handshakePending() {
        return encrypt && state != State.AUTHENTICATED;
    }

    @Override
    public Optional<String> authorization() throws IOException {
        if (state != State.NEW) {
            return Optional.empty();
        }
        initiator = KerberosInitiator.start(logins.subject(user), service, delegate);
        byte[] token;
        try {
            token = initiator.firstToken();
        } catch (KerberosException e) {
            reset();
            throw e;
        }
        state = State.TOKEN_SENT;
        return Optional.of("Negotiate " + Base64.getEncoder().encodeToString(token));
    }

    /** A 401 to a fresh ticket: the server cannot accept it (wrong SPN, clock, policy); another token will not help. */
    @Override
    public boolean challenge(List<String> wwwAuthenticate) {
        reset();
        return false;
    }

    @Override
    public void answered(HttpResponse response) throws IOException {
        if (state != State.TOKEN_SENT) {
            return;
        }
        Optional<String> token = negotiateToken(response.all("www-authenticate"));
        if (token.isEmpty() && response.status() >= 400) {
            // As requests_kerberos: an error answer need not authenticate the server; the next request starts over.
            reset();
            return;
        }
        try {
            if (token.isEmpty()) {
                throw refused("it answered HTTP " + response.status() + " without a Negotiate token");
            }
            initiator.complete(decode(token.get()));
            if (encrypt) {
                sealing = new EncryptedBodySealing(initiator.sealer());
            }
        } catch (KerberosException e) {
            reset();
            throw e;
        }
        state = State.AUTHENTICATED;
    }

    @Override
    public void connectionOpened() {
        reset();
    }

    @Override
    public Optional<MessageSealing> sealing() {
        return Optional.ofNullable(sealing);
    }

    /** True once the server got the user's TGT on this connection (second hop). */
    public boolean delegated() {
        return state == State.AUTHENTICATED && initiator.delegated();
    }

    private void reset() {
        if (initiator != null) {
            initiator.dispose();
        }
        initiator = null;
        sealing = null;
        state = State.NEW;
    }

    /** The token of a {@code Negotiate} (or {@code Kerberos}) challenge, among several or comma-joined ones. */
    static Optional<String> negotiateToken(List<String> wwwAuthenticate) {
        for (String header : wwwAuthenticate) {
            for (String challenge : header.split(",")) {
                String[] parts = challenge.strip().split("\\s+", 2);
                String scheme = parts[0].toLowerCase(Locale.ROOT);
                if (parts.length == 2 && (scheme.equals("negotiate") || scheme.equals("kerberos"))) {
                    return Optional.of(parts[1].strip());
                }
            }
        }
        return Optional.empty();
    }

    private byte[] decode(String token) throws KerberosException {
        try {
            return Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw refused("its Negotiate token is not Base64");
        }
    }

    private KerberosException refused(String why) {
        return new KerberosException(KerberosException.Reason.MUTUAL_AUTHENTICATION_FAILED, "the server did not"
                + " prove that it is " + service.replace('@', '/') + " (mutual authentication): " + why
                + "; nothing more was sent to it");
    }

    @Override
    public String toString() {
        return "Kerberos to " + service + (encrypt ? " with message encryption" : "");
    }
}
