package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.Target.KinitMode;
import io.authcert.vault.Secret;
import java.util.Locale;
import java.util.Objects;

/**
 * Who logs on to Kerberos for a host, as the inventory says it.
 *
 * @param principal {@code user@REALM} with the realm upper-cased; null in manual mode for "whoever the
 *                  ticket cache holds"
 * @param password  the inventory's password (managed mode), or null
 */
public record KerberosUser(String principal, Secret password, KinitMode mode) {

    public KerberosUser {
        Objects.requireNonNull(mode, "mode");
        if (mode == KinitMode.MANAGED && (principal == null || password == null)) {
            throw new IllegalArgumentException("managed mode logs on with a principal and its password");
        }
    }

    /** The account as the inventory writes it ({@code svc@contoso.com}) turned into a principal: realms are upper case. */
    public static String principalOf(String user) {
        if (user == null) {
            return null;
        }
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at) + "@" + user.substring(at + 1).toUpperCase(Locale.ROOT);
    }
}
