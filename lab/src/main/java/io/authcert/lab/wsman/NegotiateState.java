package io.authcert.lab.wsman;

import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.ntlm.NtlmAuthenticated;
import io.authcert.security.ntlm.NtlmException;
import io.authcert.security.ntlm.NtlmServer;
import io.authcert.security.ntlm.NtlmTarget;
import io.authcert.security.ntlm.PasswordLookup;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NTLM state of each TCP connection of one endpoint (keyed by the client's address and port), as
 * HTTP.sys binds a Negotiate logon to its connection; a failure forgets the connection's state.
 */
final class NegotiateState {

    private static final int MAX_CONNECTIONS = 4096;

    /** One Authorization: Negotiate step: a challenge to send, a session, or a refusal. */
    record Step(String challenge, NtlmAuthenticated session) {
        boolean refused() {
            return challenge == null && session == null;
        }
    }

    private final PasswordLookup accounts;
    private final NtlmTarget target;
    private final CbtHardeningLevel cbtHardening;
    private final ChannelBindings channel;
    private final Map<InetSocketAddress, Object> byConnection = new ConcurrentHashMap<>();

    /** @param channel the bindings of the endpoint's TLS certificate; null over plain HTTP */
    NegotiateState(PasswordLookup accounts, NtlmTarget target, CbtHardeningLevel cbtHardening, ChannelBindings channel) {
        this.accounts = accounts;
        this.target = target;
        this.cbtHardening = cbtHardening;
        this.channel = channel;
    }

    /** Handles the token of an {@code Authorization: Negotiate} header sent on {@code peer}'s connection. */
    Step step(InetSocketAddress peer, String base64Token) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(base64Token.trim());
        } catch (IllegalArgumentException e) {
            drop(peer);
            return new Step(null, null);
        }
        try {
            if (token.length >= 12 && token[8] == 1) {
                if (byConnection.size() >= MAX_CONNECTIONS) {
                    byConnection.clear();
                }
                NtlmServer server = new NtlmServer(accounts, target, cbtHardening, channel);
                String challenge = Base64.getEncoder().encodeToString(server.challenge(token));
                byConnection.put(peer, server);
                return new Step(challenge, null);
            }
            if (token.length >= 12 && token[8] == 3 && byConnection.get(peer) instanceof NtlmServer server) {
                NtlmAuthenticated who = server.authenticate(token);
                byConnection.put(peer, who);
                return new Step(null, who);
            }
        } catch (NtlmException e) {
            // SPNEGO-wrapped tokens (Kerberos) land here too: the lab has no KDC.
        }
        drop(peer);
        return new Step(null, null);
    }

    /** The session established on {@code peer}'s connection, or null. */
    NtlmAuthenticated session(InetSocketAddress peer) {
        return byConnection.get(peer) instanceof NtlmAuthenticated who ? who : null;
    }

    void drop(InetSocketAddress peer) {
        byConnection.remove(peer);
    }
}
