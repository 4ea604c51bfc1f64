package io.authcert.lab.wsman;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.ntlm.NtlmAuthenticated;
import io.authcert.security.ntlm.NtlmException;
import io.authcert.security.ntlm.NtlmServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;

/**
 * The Negotiate/Kerberos logon state of each TCP connection of one endpoint (keyed by the client's address
 * and port), as HTTP.sys binds a logon to its connection: an NTLM handshake or a Kerberos acceptor context
 * under way, or the established logon. A failure forgets the connection's state.
 */
final class NegotiateState {

    private static final int MAX_CONNECTIONS = 4096;
    /** How JGSS writes a ticket's authtime (KerberosTime). */
    private static final DateTimeFormatter KERBEROS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    /**
     * One {@code Authorization} step: a token to send back with a 401 ({@code continuation}: NTLM's
     * CHALLENGE, an SPNEGO leg), or a logon with the token for its 200 ({@code reply}: Kerberos' AP-REP,
     * or null), or a refusal.
     */
    record Step(String continuation, AuthenticatedConnection connection, String reply) {
        static final Step REFUSED = new Step(null, null, null);

        boolean refused() {
            return continuation == null && connection == null;
        }
    }

    private final String server;
    private final WinRmConfig config;
    private final LabAccounts accounts;
    private final KerberosAcceptor kerberos;
    private final String realm;
    private final CbtHardeningLevel cbtHardening;
    private final ChannelBindings channel;
    private final LogonLog log;
    private final Supplier<Instant> ticketsExpiredBefore;
    private final Map<InetSocketAddress, Object> byConnection = new ConcurrentHashMap<>();

    /**
     * @param kerberos null when the lab has no Kerberos settings: Kerberos tokens are refused
     * @param realm    the realm Kerberos clients must come from (null without Kerberos)
     * @param channel  the bindings of the endpoint's TLS certificate; null over plain HTTP
     * @param ticketsExpiredBefore the fault "Kerberos tickets issued before this moment are expired", read on
     *                 every logon (null: none)
     */
    NegotiateState(String server, WinRmConfig config, LabAccounts accounts, KerberosAcceptor kerberos, String realm,
                   ChannelBindings channel, LogonLog log, Supplier<Instant> ticketsExpiredBefore) {
        this.server = server;
        this.config = config;
        this.accounts = accounts;
        this.kerberos = kerberos;
        this.realm = realm;
        this.cbtHardening = config.cbtHardeningLevel();
        this.channel = channel;
        this.log = log;
        this.ticketsExpiredBefore = ticketsExpiredBefore;
    }

    /**
     * Handles an {@code Authorization: Negotiate|Kerberos <token>} header sent on {@code peer}'s connection.
     * {@code Negotiate} needs Auth/Negotiate, {@code Kerberos} (MS-WSMV 2.2.9.1.2.1) needs Auth/Kerberos, and a
     * Kerberos token under either needs Auth/Kerberos and the lab's Kerberos settings; NTLM goes only under
     * {@code Negotiate}.
     */
    Step step(InetSocketAddress peer, String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = authorization.substring(0, space).equalsIgnoreCase("Kerberos") ? "Kerberos" : "Negotiate";
        byte[] token;
        try {
            token = Base64.getDecoder().decode(authorization.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return refuse(peer, scheme, "the token is not Base64");
        }
        if (!config.auth().contains(scheme.toLowerCase(Locale.ROOT))) {
            return refuse(peer, scheme, "Auth/" + scheme + " is off on this server");
        }
        TokenKind kind = TokenKind.of(token);
        if (kind == TokenKind.NTLM && scheme.equals("Negotiate")) {
            return ntlm(peer, token);
        }
        if (kind.kerberos()) {
            if (!config.kerberos()) {
                return refuse(peer, "Kerberos", "Auth/Kerberos is off on this server");
            }
            if (kerberos == null) {
                return refuse(peer, "Kerberos", "the lab was started without Kerberos settings (no keytab)");
            }
            return kerberos(peer, kind, token);
        }
        return refuse(peer, scheme, "a token of kind " + kind + " is not accepted under Authorization: " + scheme);
    }

    /** The logon established on {@code peer}'s connection, or null. */
    AuthenticatedConnection connection(InetSocketAddress peer) {
        return byConnection.get(peer) instanceof AuthenticatedConnection c ? c : null;
    }

    void drop(InetSocketAddress peer) {
        byConnection.remove(peer);
    }

    /**
     * The Kerberos logon of {@code peer}'s connection if its ticket has expired under the fault: then the
     * context is forgotten and the refusal logged, as SSPI ends a context whose ticket expired
     * (SEC_E_CONTEXT_EXPIRED), so that the client must authenticate the connection again.
     */
    boolean expired(InetSocketAddress peer, AuthenticatedConnection connection) {
        Instant before = ticketsExpiredBefore.get();
        if (before == null || !connection.kerberos() || !connection.established().isBefore(before)) {
            return false;
        }
        drop(peer);
        log.failed(peer, connection.logon().method(), "SEC_E_CONTEXT_EXPIRED (0x80090317): the Kerberos context of "
                + connection.logon().clientName() + " on this connection was established at " + connection.established()
                + " with a ticket issued at " + connection.ticketAuthTime() + "; tickets issued before " + before
                + " have expired, so the connection must authenticate again with a new ticket");
        return true;
    }

    private Step ntlm(InetSocketAddress peer, byte[] token) {
        String failure;
        try {
            if (token.length >= 12 && token[8] == 1) {
                NtlmServer ntlm = new NtlmServer(accounts.lookupOn(server), accounts.targetFor(server), cbtHardening,
                        channel);
                String challenge = Base64.getEncoder().encodeToString(ntlm.challenge(token));
                remember(peer, ntlm);
                return new Step(challenge, null, null);
            }
            if (token.length >= 12 && token[8] == 3 && byConnection.get(peer) instanceof NtlmServer ntlm) {
                NtlmAuthenticated who = ntlm.authenticate(token);
                String account = accounts.resolve(server, who.domain(), who.user())
                        .map(a -> accounts.logonName(server, a)).orElse(who.domain() + "\\" + who.user());
                String named = who.domain() == null || who.domain().isEmpty() ? who.user() : who.domain() + "\\" + who.user();
                return established(peer, new AuthenticatedConnection(new Logon("NTLM", account, named, false),
                        who.session()), null);
            }
            failure = "an NTLM message out of order on this connection";
        } catch (NtlmException e) {
            failure = e.getMessage();
        }
        return refuse(peer, "NTLM", failure);
    }

    private Step kerberos(InetSocketAddress peer, TokenKind kind, byte[] token) {
        String method = kind == TokenKind.KERBEROS ? "Kerberos" : "SPNEGO/Kerberos";
        if (channel != null && cbtHardening == CbtHardeningLevel.STRICT) {
            // JGSS's public ChannelBinding cannot match the bindings MIT and Windows send (docs/winrm.md), and a
            // Strict server refuses every client the lab meets (none sends bindings it could match) anyway.
            return refuse(peer, method, "CbtHardeningLevel Strict over HTTPS: the lab cannot check Kerberos channel"
                    + " bindings, so it refuses Kerberos here; use Relaxed or None, or plain HTTP with encryption");
        }
        GSSContext context = null;
        try {
            if (kind == TokenKind.SPNEGO_CONTINUATION) {
                if (!(byConnection.get(peer) instanceof GSSContext underWay)) {
                    return refuse(peer, method, "an SPNEGO continuation without an exchange under way on this connection");
                }
                context = underWay;
            } else {
                context = kerberos.newContext();
            }
            byte[] reply = kerberos.accept(context, token);
            String replyText = reply == null ? null : Base64.getEncoder().encodeToString(reply);
            if (!context.isEstablished()) {
                if (replyText == null) {
                    return refuse(peer, method, "the context is not established and there is nothing to send back");
                }
                remember(peer, context);
                return new Step(replyText, null, null);
            }
            String client = context.getSrcName().toString();
            Instant authTime = authTime(context);
            Instant before = ticketsExpiredBefore.get();
            if (before != null && authTime != null && authTime.isBefore(before.truncatedTo(ChronoUnit.SECONDS))) {
                context.dispose();
                return refuse(peer, method, "KRB_AP_ERR_TKT_EXPIRED (32): the ticket of " + client + " was issued at "
                        + authTime + "; tickets issued before " + before + " have expired: the client must log on"
                        + " at the KDC again (a new TGT) for a new one");
            }
            Optional<LabAccounts.Account> account = accounts.kerberosAccount(client, realm);
            if (account.isEmpty()) {
                context.dispose();
                return refuse(peer, method, client + " has no account in the lab's domain " + realm);
            }
            Logon logon = new Logon(method, accounts.logonName(server, account.get()), client, context.getCredDelegState());
            return established(peer, new AuthenticatedConnection(logon, KerberosAcceptor.sealerFor(context), Instant.now(),
                    authTime), replyText);
        } catch (GSSException e) {
            disposeQuietly(context);
            return refuse(peer, method, "Kerberos: " + e.getMessage());
        }
    }

    /**
     * The authtime of the established context's ticket (when its client logged on at the KDC; whole seconds, as
     * Kerberos keeps it), or null when JGSS does not say.
     */
    private static Instant authTime(GSSContext context) {
        if (!(context instanceof ExtendedGSSContext extended)) {
            return null;
        }
        try {
            Object time = extended.inquireSecContext(InquireType.KRB5_GET_AUTHTIME);
            return time == null ? null : LocalDateTime.parse(time.toString(), KERBEROS_TIME).toInstant(ZoneOffset.UTC);
        } catch (GSSException | DateTimeParseException e) {
            return null;
        }
    }

    private Step established(InetSocketAddress peer, AuthenticatedConnection connection, String reply) {
        remember(peer, connection);
        log.succeeded(peer, connection.logon());
        return new Step(null, connection, reply);
    }

    private Step refuse(InetSocketAddress peer, String method, String why) {
        drop(peer);
        log.failed(peer, method, why);
        return Step.REFUSED;
    }

    private void remember(InetSocketAddress peer, Object state) {
        if (byConnection.size() >= MAX_CONNECTIONS) {
            byConnection.clear();
        }
        byConnection.put(peer, state);
    }

    private static void disposeQuietly(GSSContext context) {
        if (context == null) {
            return;
        }
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing left to release
        }
    }
}
