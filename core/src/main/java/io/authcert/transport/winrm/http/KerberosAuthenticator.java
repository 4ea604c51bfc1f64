package io.authcert.transport.winrm.http;

import java.io.IOException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Kerberos through the JDK's own GSS-API ({@code Negotiate} with a Kerberos token, service
 * {@code HTTP@host}), logging in with the inventory's password, so no library is needed for it.
 * Without message encryption, so for HTTPS listeners only, as before.
 */
public final class KerberosAuthenticator implements HttpAuthenticator {

    private static final Oid KRB5;

    static {
        try {
            KRB5 = new Oid("1.2.840.113554.1.2.2");
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String principal;
    private final char[] password;
    private final String host;
    private Subject subject;
    private String header;

    public KerberosAuthenticator(String principal, String password, String host) {
        this.principal = principal;
        this.password = password.toCharArray();
        this.host = host;
    }

    @Override
    public Optional<String> authorization() throws IOException {
        if (header == null) {
            header = "Kerberos " + Base64.getEncoder().encodeToString(token());
        }
        return Optional.of(header);
    }

    @Override
    public boolean challenge(List<String> wwwAuthenticate) {
        // The server refused a fresh service ticket: the login or the SPN is wrong, another token will not help.
        return false;
    }

    @Override
    public void connectionOpened() {
        header = null;
    }

    private byte[] token() throws IOException {
        try {
            if (subject == null) {
                LoginContext login = new LoginContext("authcert", new Subject(), callbacks -> {
                    for (var c : callbacks) {
                        if (c instanceof NameCallback n) {
                            n.setName(principal);
                        } else if (c instanceof PasswordCallback p) {
                            p.setPassword(password);
                        }
                    }
                }, new PasswordLogin());
                login.login();
                subject = login.getSubject();
            }
            PrivilegedExceptionAction<byte[]> action = () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName server = manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context = manager.createContext(server, KRB5, null, GSSContext.DEFAULT_LIFETIME);
                context.requestMutualAuth(false);
                byte[] t = context.initSecContext(new byte[0], 0, 0);
                context.dispose();
                return t;
            };
            @SuppressWarnings("removal")
            byte[] token = Subject.doAs(subject, action);
            return token;
        } catch (LoginException e) {
            throw new IOException("Kerberos login failed", e);
        } catch (PrivilegedActionException e) {
            throw new IOException("no Kerberos service ticket for HTTP@" + host, e.getException());
        }
    }

    /** The Krb5LoginModule with the password given, not a ticket cache or keytab. */
    private static final class PasswordLogin extends Configuration {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of("useTicketCache", "false", "doNotPrompt", "false", "refreshKrb5Config", "true"))};
        }
    }

    @Override
    public String toString() {
        return "Kerberos";
    }
}
