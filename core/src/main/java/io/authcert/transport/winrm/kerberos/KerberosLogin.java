package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * One JAAS logon with the JDK's Krb5LoginModule, configured in code (no jaas.conf) for one
 * {@link CredentialSource}: the Subject it returns holds the user's TGT, and later the service tickets
 * JGSS gets with it.
 */
final class KerberosLogin {

    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private KerberosLogin() {
    }

    /**
     * Logs on from {@code source}.
     *
     * @param principal who must log on; null only for a ticket cache, meaning whoever it holds
     */
    static Subject logon(CredentialSource source, String principal) throws KerberosException {
        Map<String, String> options = new HashMap<>();
        options.put("storeKey", "false");
        options.put("refreshKrb5Config", "false");
        CallbackHandler handler = callbacks -> { };
        if (source instanceof CredentialSource.Password p) {
            // The password goes from the inventory to the KDC's pre-authentication only: no cache is read or written.
            options.putAll(Map.of("principal", p.principal(), "useTicketCache", "false", "useKeyTab", "false",
                    "doNotPrompt", "false"));
            handler = callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(p.principal());
                    } else if (c instanceof PasswordCallback pw) {
                        pw.setPassword(p.password().reveal().toCharArray());
                    }
                }
            };
        } else if (source instanceof CredentialSource.TicketCache c) {
            // No principal option: the cache's own is read, then compared, so a mismatch can be named.
            options.putAll(Map.of("useTicketCache", "true", "ticketCache", c.file().toString(), "doNotPrompt", "true"));
        } else if (source instanceof CredentialSource.ClientKeytab k) {
            options.putAll(Map.of("principal", k.principal(), "useKeyTab", "true", "keyTab", k.file().toString(),
                    "useTicketCache", "false", "doNotPrompt", "true"));
        }
        Subject subject;
        try {
            LoginContext login = new LoginContext("authcert-kerberos", new Subject(), handler, configuration(options));
            login.login();
            subject = login.getSubject();
        } catch (LoginException e) {
            if (source instanceof CredentialSource.TicketCache c) {
                throw new KerberosException(Reason.NO_CREDENTIALS, "the ticket cache " + c.file() + " holds no valid"
                        + " ticket-granting ticket (expired, or not from kinit)", e);
            }
            throw KerberosFailures.logon(principal, source, e);
        }
        if (principal != null) {
            Set<KerberosPrincipal> who = subject.getPrincipals(KerberosPrincipal.class);
            if (who.stream().noneMatch(p -> p.getName().equals(principal))) {
                String held = who.isEmpty() ? "nobody" : who.iterator().next().getName();
                throw new KerberosException(Reason.NO_CREDENTIALS, source.describe() + " holds tickets of " + held
                        + ", not " + principal + "; run kinit " + principal + ", or set ansible_user to " + held);
            }
        }
        return subject;
    }

    private static Configuration configuration(Map<String, String> options) {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(MODULE,
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.copyOf(options))};
            }
        };
    }
}
