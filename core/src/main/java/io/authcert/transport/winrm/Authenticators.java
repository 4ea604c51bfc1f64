package io.authcert.transport.winrm;

import io.authcert.transport.Target;
import io.authcert.transport.Target.AuthTransport;
import io.authcert.transport.winrm.http.BasicAuthenticator;
import io.authcert.transport.winrm.http.HttpAuthenticator;
import io.authcert.transport.winrm.http.KerberosAuthenticator;
import io.authcert.transport.winrm.http.NtlmAuthenticator;
import io.authcert.transport.winrm.kerberos.KerberosException;
import io.authcert.transport.winrm.kerberos.KerberosInitiator;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.kerberos.KerberosUser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticator of each new connection of a run, from the target's transport: Basic, NTLM,
 * Kerberos, or Negotiate, which is Kerberos when the user can get a ticket for the server and NTLM when
 * Kerberos is not available there (no ticket and no KDC, or no such service principal). A KDC that
 * refuses the password is not followed by NTLM with the same password: that would count two failed
 * logons towards the account's lockout and say less about why.
 */
final class Authenticators {

    private final KerberosLogins logins;
    /** Negotiate's choice per target, made once per run. */
    private final Map<Target, AuthTransport> negotiated = new ConcurrentHashMap<>();

    Authenticators(KerberosLogins logins) {
        this.logins = logins;
    }

    /** A fresh authenticator for one connection to {@code target}. */
    HttpAuthenticator forConnection(Target target) throws KerberosException {
        return switch (target.authTransport()) {
            case NTLM -> ntlm(target);
            case KERBEROS -> kerberos(target);
            case NEGOTIATE -> negotiate(target) == AuthTransport.KERBEROS ? kerberos(target) : ntlm(target);
            default -> new BasicAuthenticator(target.user(), target.password().reveal());
        };
    }

    /** Which protocol Negotiate speaks to {@code target} in this run. */
    AuthTransport negotiate(Target target) throws KerberosException {
        AuthTransport chosen = negotiated.get(target);
        if (chosen != null) {
            return chosen;
        }
        try {
            KerberosInitiator.obtainTicket(logins.subject(user(target)), target.kerberosService());
            chosen = AuthTransport.KERBEROS;
        } catch (KerberosException e) {
            if (!e.kerberosUnavailable() || target.password() == null || target.user() == null) {
                throw e;
            }
            chosen = AuthTransport.NTLM;
        }
        negotiated.put(target, chosen);
        return chosen;
    }

    private static HttpAuthenticator ntlm(Target target) {
        return new NtlmAuthenticator(target.user(), target.password().reveal(), target.encryptsMessages());
    }

    private HttpAuthenticator kerberos(Target target) {
        return new KerberosAuthenticator(logins, user(target), target.kerberosService(),
                target.kerberos().delegation(), target.encryptsMessages());
    }

    private static KerberosUser user(Target target) {
        return new KerberosUser(KerberosUser.principalOf(target.user()), target.password(), target.kerberos().kinitMode());
    }
}
