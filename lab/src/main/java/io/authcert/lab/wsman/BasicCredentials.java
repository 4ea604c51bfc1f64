package io.authcert.lab.wsman;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The one local account every simulated server accepts over HTTP Basic authentication. A domain account
 * ({@code DOMAIN\\user}, {@code user@domain}) is never accepted: WinRM's Basic takes only local accounts
 * (Ansible's Windows Remote Management guide, "Basic authentication can only be used for local accounts").
 */
final class BasicCredentials {

    private final byte[] expected;
    private final String user;

    BasicCredentials(String user, String password) {
        this.user = user;
        boolean domainAccount = user.contains("\\") || user.contains("@");
        this.expected = domainAccount ? null : (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** The local account's name. */
    String user() {
        return user;
    }

    /** True when the {@code Authorization} header carries exactly these credentials. */
    boolean accepts(String authorization) {
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
