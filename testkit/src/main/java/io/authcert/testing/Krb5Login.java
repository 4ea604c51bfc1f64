package io.authcert.testing;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** JAAS logins built in code (no jaas.conf file), for a JGSS initiator with a password or an acceptor with a keytab. */
public final class Krb5Login {
    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private Krb5Login() {
    }

    /** The user's Subject holding a TGT got from the KDC with the password (no ticket cache read or written). */
    public static Subject withPassword(String principal, char[] password) throws LoginException {
        return login(Map.of("principal", principal, "useTicketCache", "false", "storeKey", "false",
                "refreshKrb5Config", "false"), callbacks -> {
            for (var cb : callbacks) {
                if (cb instanceof NameCallback name) {
                    name.setName(principal);
                } else if (cb instanceof PasswordCallback pw) {
                    pw.setPassword(password);
                }
            }
        });
    }

    /** A service's Subject holding its keys from the keytab, for accepting contexts only (no KDC round trip). */
    public static Subject acceptor(String principal, java.nio.file.Path keytab) throws LoginException {
        return login(Map.of("principal", principal, "useKeyTab", "true", "keyTab", keytab.toString(),
                "storeKey", "true", "isInitiator", "false", "doNotPrompt", "true"), callbacks -> { });
    }

    private static Subject login(Map<String, String> options, javax.security.auth.callback.CallbackHandler handler)
            throws LoginException {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(MODULE,
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        LoginContext lc = new LoginContext("authcert", new Subject(), handler, config);
        lc.login();
        return lc.getSubject();
    }
}
