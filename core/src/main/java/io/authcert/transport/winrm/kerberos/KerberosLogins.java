package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.Target.KinitMode;
import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import io.authcert.vault.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;

/**
 * The Kerberos logons of one run: each user logs on once (one AS exchange with the KDC), not once per
 * connection, and again only when the TGT is about to expire, or once when a server refuses a ticket of the
 * logon that it had accepted ({@link #renewAfterRefusal}: the ticket expired mid-run). A password the KDC
 * refused is not tried again in the same run, so a wrong password costs one bad-password count towards
 * lockout, not one per host.
 */
public final class KerberosLogins {

    /** A TGT closer than this to its end is renewed by logging on again. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private final Map<String, String> env;
    private final ManualCredentials manual;
    private final Clock clock;
    private final Map<String, Logon> logons = new HashMap<>();

    /** @param env the process environment: KRB5_CONFIG, KRB5CCNAME, KRB5_CLIENT_KTNAME */
    public KerberosLogins(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    KerberosLogins(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.manual = new ManualCredentials(this.env);
        this.clock = clock;
    }

    /** The Subject holding {@code user}'s TGT, from this run's logon or a new one. */
    public synchronized Subject subject(KerberosUser user) throws KerberosException {
        Krb5Config.apply(env);
        String key = user.mode() + " " + user.principal();
        Logon known = logons.get(key);
        if (known != null && Objects.equals(known.password, user.password())) {
            if (known.refusal != null) {
                throw new KerberosException(known.refusal.reason(), known.refusal.getMessage()
                        + " (refused earlier in this run; not tried again)", known.refusal);
            }
            if (fresh(known.subject)) {
                return known.subject;
            }
        }
        return remember(key, user, () -> logon(user));
    }

    /**
     * A server refused {@code refused}'s ticket for {@code service} after it had accepted it (a 401 on a connection it
     * had authenticated, or to an AP-REQ with a ticket it took earlier in the run): the ticket expired, or the
     * server ended the session. Logs on again once for all the run's connections of this logon: with the password
     * (managed) or the client keytab, a new AS exchange, so new service tickets follow; with the user's ticket cache,
     * only if kinit has put a new ticket there meanwhile, else (no client keytab either) the refusal says to run
     * kinit. A later call for the same refused Subject finds the new logon, or the refusal, without asking again.
     *
     * @throws KerberosException when no new ticket can be had ({@link Reason#TICKET_EXPIRED}), or the KDC refused
     */
    public synchronized void renewAfterRefusal(KerberosUser user, Subject refused, String service) throws KerberosException {
        String key = user.mode() + " " + user.principal();
        Logon known = logons.get(key);
        if (known == null || known.subject != refused) {
            if (known != null && known.refusal != null) {
                throw new KerberosException(known.refusal.reason(), known.refusal.getMessage()
                        + " (refused earlier in this run; not tried again)", known.refusal);
            }
            return;
        }
        if (known.source instanceof CredentialSource.TicketCache cache) {
            remember(key, user, () -> fromCacheAgain(user, cache, refused, service));
        } else {
            remember(key, user, () -> new Login(KerberosLogin.logon(known.source, user.principal()), known.source));
        }
    }

    /** Records that {@code service} accepted a ticket of {@code subject}'s logon (so a later refusal means expiry). */
    public void accepted(KerberosUser user, Subject subject, String service) {
        Logon known = current(user);
        if (known != null && known.subject == subject) {
            known.acceptedBy.add(service);
        }
    }

    /** True when {@code service} accepted a ticket of {@code subject}'s logon earlier in this run. */
    public boolean wasAccepted(KerberosUser user, Subject subject, String service) {
        Logon known = current(user);
        return known != null && known.subject == subject && known.acceptedBy.contains(service);
    }

    private synchronized Logon current(KerberosUser user) {
        return logons.get(user.mode() + " " + user.principal());
    }

    private interface LogonAttempt {
        Login run() throws KerberosException;
    }

    /** A Subject and where its TGT came from. */
    private record Login(Subject subject, CredentialSource source) {
    }

    /** Runs a logon and keeps its Subject, or its refusal so that it is not tried again in the run. */
    private Subject remember(String key, KerberosUser user, LogonAttempt attempt) throws KerberosException {
        try {
            Login login = attempt.run();
            logons.put(key, new Logon(user.password(), login.subject(), null, login.source(), ConcurrentHashMap.newKeySet()));
            return login.subject();
        } catch (KerberosException e) {
            if (e.reason() == Reason.LOGON_REFUSED || e.reason() == Reason.TICKET_EXPIRED) {
                logons.put(key, new Logon(user.password(), null, e, null, Set.of()));
            }
            throw e;
        }
    }

    /**
     * The ticket cache read again after a server refused its ticket: a TGT of a later logon (kinit ran meanwhile) is
     * taken; the same one cannot be renewed by the engine (a ticket expired is past renewal), so the client keytab
     * is used if there is one, else the refusal says what happened and what to run.
     */
    private Login fromCacheAgain(KerberosUser user, CredentialSource.TicketCache cache, Subject refused, String service)
            throws KerberosException {
        KerberosTicket old = tgt(refused);
        Subject again = null;
        try {
            again = KerberosLogin.logon(cache, user.principal());
        } catch (KerberosException e) {
            if (e.reason() != Reason.NO_CREDENTIALS) {
                throw e;
            }
        }
        KerberosTicket now = again == null ? null : tgt(again);
        if (now != null && old != null && !Objects.equals(now.getAuthTime(), old.getAuthTime())) {
            return new Login(again, cache);
        }
        Optional<Path> keytab = manual.clientKeytab();
        String principal = user.principal() != null ? user.principal() : principalOf(refused);
        if (keytab.isPresent() && principal != null && Files.isReadable(keytab.get())) {
            CredentialSource.ClientKeytab keys = new CredentialSource.ClientKeytab(keytab.get(), principal);
            return new Login(KerberosLogin.logon(keys, principal), keys);
        }
        throw new KerberosException(Reason.TICKET_EXPIRED, expiredMessage(principal, cache, old, service));
    }

    private String expiredMessage(String principal, CredentialSource.TicketCache cache, KerberosTicket tgt, String service) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant end = tgt == null || tgt.getEndTime() == null ? null : tgt.getEndTime().toInstant();
        String who = principal != null ? principal : "the cache's user";
        String what;
        if (end != null && !end.isAfter(now)) {
            what = "the Kerberos ticket of " + who + " in the ticket cache " + cache.file() + " expired at " + end;
        } else {
            what = "the Kerberos ticket of " + who + " in the ticket cache " + cache.file() + " has expired: "
                    + service.replace('@', '/') + " refused it at " + now + " (HTTP 401) after accepting it"
                    + (end == null ? "" : ", although the cache says it is valid until " + end
                    + " (the server's clock or ticket policy differs)");
        }
        return what + "; the engine cannot renew a ticket cache: run kinit " + (principal != null ? principal : "user@REALM")
                + " again (kinit -f for delegation) and apply again, or set KRB5_CLIENT_KTNAME to a client keytab, or"
                + " ansible_password (ansible_winrm_kinit_mode: managed), so that the engine can log on again by itself";
    }

    private static KerberosTicket tgt(Subject subject) {
        for (KerberosTicket t : subject.getPrivateCredentials(KerberosTicket.class)) {
            if (t.getServer().getName().startsWith("krbtgt/")) {
                return t;
            }
        }
        return null;
    }

    private static String principalOf(Subject subject) {
        Set<KerberosPrincipal> who = subject.getPrincipals(KerberosPrincipal.class);
        return who.isEmpty() ? null : who.iterator().next().getName();
    }

    private Login logon(KerberosUser user) throws KerberosException {
        if (user.mode() == KinitMode.MANAGED) {
            CredentialSource password = new CredentialSource.Password(user.principal(), user.password());
            return new Login(KerberosLogin.logon(password, user.principal()), password);
        }
        Path cache = manual.ticketCache();
        String cacheProblem;
        if (Files.exists(cache)) {
            try {
                CredentialSource.TicketCache source = new CredentialSource.TicketCache(cache);
                return new Login(KerberosLogin.logon(source, user.principal()), source);
            } catch (KerberosException e) {
                if (e.reason() != Reason.NO_CREDENTIALS) {
                    throw e;
                }
                cacheProblem = e.getMessage();
            }
        } else {
            cacheProblem = "the ticket cache " + cache + " does not exist";
        }
        Optional<Path> keytab = manual.clientKeytab();
        if (keytab.isPresent() && user.principal() != null) {
            if (!Files.isReadable(keytab.get())) {
                throw new KerberosException(Reason.NO_CREDENTIALS, cacheProblem + ", and the client keytab "
                        + keytab.get() + " (KRB5_CLIENT_KTNAME) cannot be read");
            }
            CredentialSource.ClientKeytab keys = new CredentialSource.ClientKeytab(keytab.get(), user.principal());
            return new Login(KerberosLogin.logon(keys, user.principal()), keys);
        }
        String who = user.principal() != null ? user.principal() : "user@REALM";
        throw new KerberosException(Reason.NO_CREDENTIALS, "no Kerberos ticket"
                + (user.principal() != null ? " for " + user.principal() : "") + ": " + cacheProblem + (keytab.isPresent() ? " (KRB5_CLIENT_KTNAME needs ansible_user to say whose keys it"
                + " holds)" : "") + "; run kinit " + who + " (kinit -f for delegation), or set ansible_password"
                + " so that the engine logs on itself (ansible_winrm_kinit_mode: managed)");
    }

    /** True when the Subject's TGT is good for more than the margin. */
    private boolean fresh(Subject subject) {
        Instant soon = clock.instant().plus(EXPIRY_MARGIN);
        for (KerberosTicket t : subject.getPrivateCredentials(KerberosTicket.class)) {
            if (t.getServer().getName().startsWith("krbtgt/") && t.getEndTime() != null) {
                return t.getEndTime().toInstant().isAfter(soon) && !t.isDestroyed();
            }
        }
        return false;
    }

    /**
     * One user's logon in this run: the Subject and where it came from, or the refusal not to be repeated; the
     * services that accepted its tickets.
     */
    private record Logon(Secret password, Subject subject, KerberosException refusal, CredentialSource source,
                         Set<String> acceptedBy) {
    }
}
