package io.authcert.facts;

import io.authcert.inventory.InventoryHost;
import io.authcert.vault.Secret;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where and as whom the engine signs in to a server's OWA by forms ({@code POST /owa/auth.owa}), the
 * request that fails when no Auth certificate is usable: a test mailbox named by the inventory.
 *
 * @param url      the sign-in URL, or null when sign-in cannot be checked on this host
 * @param user     the test mailbox's logon name (DOMAIN\\user or UPN), null with {@code url}
 * @param password its password, never shown (its {@code toString} is redacted)
 * @param notCheckedReason why sign-in is not checked, when {@code url} is null
 */
public record OwaSignInTarget(String url, String user, Secret password, Path caTrust, String notCheckedReason) {

    /** The test mailbox's logon name. */
    public static final String USER_VAR = "owa_probe_user";
    /** Its password; vault it ({@code !vault} or an encrypted vars file). */
    public static final String PASSWORD_VAR = "owa_probe_password";
    /** The sign-in URL; by default {@code /owa/auth.owa} on the host and port of {@code owa_health_url}. */
    public static final String URL_VAR = "owa_signin_url";

    public boolean checked() {
        return url != null;
    }

    /** The sign-in this host's variables describe, or why there is none. */
    public static OwaSignInTarget of(InventoryHost h) {
        String user = h.string(USER_VAR).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (user == null) {
            return notChecked("sign-in not checked: no " + USER_VAR + " (a test mailbox) for this host");
        }
        Secret password = h.secret(PASSWORD_VAR).filter(s -> !s.isEmpty()).orElse(null);
        if (password == null) {
            return notChecked("sign-in not checked: " + USER_VAR + " is set but " + PASSWORD_VAR + " is not; vault the test mailbox's password there");
        }
        String url = h.string(URL_VAR).map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> h.string(OwaHealth.URL_VAR).map(OwaSignInTarget::besideHealthPage).orElse(null));
        if (url == null) {
            return notChecked("sign-in not checked: neither " + URL_VAR + " nor " + OwaHealth.URL_VAR + " says where OWA is");
        }
        return new OwaSignInTarget(url, user, password, OwaHealthChecks.caTrust(h), null);
    }

    /** {@code https://mail/owa/healthcheck.htm} → {@code https://mail/owa/auth.owa}; null when not a URL. */
    static String besideHealthPage(String healthUrl) {
        try {
            URI u = URI.create(healthUrl.trim());
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return null;
            }
            return u.getScheme() + "://" + u.getRawAuthority() + "/owa/auth.owa";
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OwaSignInTarget notChecked(String why) {
        return new OwaSignInTarget(null, null, null, null, why);
    }

    /** The result when this target is not checked. */
    public OwaHealth notCheckedResult() {
        return new OwaHealth(null, OwaHealth.Status.NOT_CONFIGURED, notCheckedReason);
    }
}
