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
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;

/**
 * The Kerberos logons of one run: each user logs on once (one AS exchange with the KDC), not once per
 * connection, and again only when the TGT is about to expire. A password the KDC refused is not tried
 * again in the same run, so a wrong password costs one bad-password count towards lockout, not one per
 * host.
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
        try {
            Subject subject = logon(user);
            logons.put(key, new Logon(user.password(), subject, null));
            return subject;
        } catch (KerberosException e) {
            if (e.reason() == Reason.LOGON_REFUSED) {
                logons.put(key, new Logon(user.password(), null, e));
            }
            throw e;
        }
    }

    private Subject logon(KerberosUser user) throws KerberosException {
        if (user.mode() == KinitMode.MANAGED) {
            return KerberosLogin.logon(new CredentialSource.Password(user.principal(), user.password()), user.principal());
        }
        Path cache = manual.ticketCache();
        String cacheProblem;
        if (Files.exists(cache)) {
            try {
                return KerberosLogin.logon(new CredentialSource.TicketCache(cache), user.principal());
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
            return KerberosLogin.logon(new CredentialSource.ClientKeytab(keytab.get(), user.principal()), user.principal());
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

    /** One user's logon in this run: the Subject, or the refusal not to be repeated. */
    private record Logon(Secret password, Subject subject, KerberosException refusal) {
    }
}
