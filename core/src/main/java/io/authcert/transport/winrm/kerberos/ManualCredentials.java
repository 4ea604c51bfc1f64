package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's own Kerberos credentials are, read from the environment as MIT's library reads it:
 * the ticket cache {@code KRB5CCNAME} (else {@code /tmp/krb5cc_UID}) and the client keytab
 * {@code KRB5_CLIENT_KTNAME}. The JDK reads only FILE caches, so other cache types are refused clearly.
 */
final class ManualCredentials {

    private final Map<String, String> env;

    ManualCredentials(Map<String, String> env) {
        this.env = env;
    }

    /** The FILE ticket cache kinit fills for this user. */
    Path ticketCache() throws KerberosException {
        String name = env.get("KRB5CCNAME");
        if (name == null || name.isBlank()) {
            return Path.of("/tmp/krb5cc_" + new com.sun.security.auth.module.UnixSystem().getUid());
        }
        return fileOf("KRB5CCNAME", name.strip(), "kinit -c FILE:/tmp/krb5cc_authcert, then KRB5CCNAME=FILE:/tmp/krb5cc_authcert");
    }

    /** The client keytab, if {@code KRB5_CLIENT_KTNAME} names one. */
    Optional<Path> clientKeytab() throws KerberosException {
        String name = env.get("KRB5_CLIENT_KTNAME");
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fileOf("KRB5_CLIENT_KTNAME", name.strip(), "a FILE: keytab (ktutil, or ktpass on Windows)"));
    }

    /** {@code FILE:path} or a bare path; KEYRING:, KCM:, DIR:, MEMORY: and the like are not files the JDK can read. */
    private static Path fileOf(String variable, String value, String instead) throws KerberosException {
        int colon = value.indexOf(':');
        if (colon > 0 && !value.startsWith("/")) {
            String type = value.substring(0, colon).toUpperCase(Locale.ROOT);
            if (!type.equals("FILE")) {
                throw new KerberosException(Reason.CONFIGURATION, variable + " is a " + type + ": credential"
                        + " store, which Java cannot read (only FILE: ones); use " + instead);
            }
            return Path.of(value.substring(colon + 1));
        }
        return Path.of(value);
    }
}
