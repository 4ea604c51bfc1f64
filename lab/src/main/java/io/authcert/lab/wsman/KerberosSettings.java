package io.authcert.lab.wsman;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How the lab's servers accept Kerberos: a keytab holding {@code HTTP/<server>.<dns-domain>@REALM} for
 * each server (as AD gives every computer account its HTTP SPN), the realm, and the krb5.conf JGSS is to
 * read (null: the one the JVM already uses).
 *
 * @param realm null for the organisation's DNS domain in capitals, as Active Directory names its realm
 */
public record KerberosSettings(Path keytab, String realm, Path krb5Conf) {

    public KerberosSettings {
        if (keytab == null) {
            throw new IllegalArgumentException("Kerberos needs a keytab with the servers' HTTP/ keys");
        }
        realm = realm == null || realm.isBlank() ? null : realm.toUpperCase(Locale.ROOT);
    }

    /**
     * From the environment MIT's tools read: {@code KRB5_KTNAME} (with or without {@code FILE:}) and
     * {@code KRB5_CONFIG}; null when no keytab is named.
     */
    public static KerberosSettings fromEnvironment(Map<String, String> env, String realm) {
        String keytab = env.get("KRB5_KTNAME");
        if (keytab == null || keytab.isBlank()) {
            return null;
        }
        return new KerberosSettings(Path.of(keytab.replaceFirst("^(?i)(FILE|WRFILE):", "")), realm, krb5ConfFrom(env));
    }

    /** The first file of {@code KRB5_CONFIG} (MIT reads a colon-separated list), or null when unset. */
    public static Path krb5ConfFrom(Map<String, String> env) {
        String config = env.get("KRB5_CONFIG");
        return config == null || config.isBlank() ? null : Path.of(config.split(":")[0]);
    }

    /** The realm the servers are joined to: the given one, or {@code dnsDomain} in capitals. */
    public String realmFor(String dnsDomain) {
        return realm != null ? realm : dnsDomain.toUpperCase(Locale.ROOT);
    }

    /** {@code HTTP/ex01.contoso.local@CONTOSO.LOCAL}: the principal a server's tickets are issued for. */
    public String servicePrincipal(String server, String dnsDomain) {
        return "HTTP/" + (server + "." + dnsDomain).toLowerCase(Locale.ROOT) + "@" + realmFor(dnsDomain);
    }
}
