package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which krb5.conf the JDK reads. MIT's tools (kinit, and so Ansible) read {@code KRB5_CONFIG}; the JDK
 * reads only the {@code java.security.krb5.conf} property (else /etc/krb5.conf), once per JVM. So the
 * property is set from {@code KRB5_CONFIG} before the first logon, unless the JVM was given one.
 */
final class Krb5Config {

    static final String PROPERTY = "java.security.krb5.conf";
    static final String ENV = "KRB5_CONFIG";

    private Krb5Config() {
    }

    /** Points the JDK at {@code KRB5_CONFIG} if the property is unset; a no-op once the property is set. */
    static synchronized void apply(Map<String, String> env) throws KerberosException {
        Optional<Path> chosen = choose(System.getProperty(PROPERTY), env.get(ENV));
        if (chosen.isPresent()) {
            System.setProperty(PROPERTY, chosen.get().toString());
        }
    }

    /**
     * The file to set the property to: none when the property is set already (the JVM's choice wins) or
     * {@code KRB5_CONFIG} is unset.
     *
     * @throws KerberosException when {@code KRB5_CONFIG} names several files or one that cannot be read
     */
    static Optional<Path> choose(String property, String krb5ConfigEnv) throws KerberosException {
        if (property != null || krb5ConfigEnv == null || krb5ConfigEnv.isBlank()) {
            return Optional.empty();
        }
        if (krb5ConfigEnv.contains(":")) {
            throw new KerberosException(Reason.CONFIGURATION, "KRB5_CONFIG lists several files (" + krb5ConfigEnv
                    + "); Java reads one krb5.conf: merge them into one file and set KRB5_CONFIG to it");
        }
        Path file = Path.of(krb5ConfigEnv.strip());
        if (!Files.isReadable(file)) {
            throw new KerberosException(Reason.CONFIGURATION, "KRB5_CONFIG names " + file + ", which is not a"
                    + " readable file; point it at the krb5.conf that kinit uses, or unset it for /etc/krb5.conf");
        }
        return Optional.of(file);
    }

    /** For messages: the krb5.conf the JDK reads. */
    static String describe() {
        String p = System.getProperty(PROPERTY);
        return p != null ? p : "/etc/krb5.conf";
    }
}
