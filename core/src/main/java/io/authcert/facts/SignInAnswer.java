package io.authcert.facts;

import java.util.List;
import java.util.Locale;

/**
 * Judges OWA's answer to a forms-based sign-in (docs/exchange.md, "Where the outage shows"): a redirect
 * that sets the {@code cadata} cookies is signed in; 500 naming {@code HMACProvider.GetCertificates} is
 * the Auth certificate outage (KB 5005341); a redirect back to the logon page is refused credentials.
 */
final class SignInAnswer {

    static final String EX_ASSERT = "ASSERT: HMACProvider.GetCertificates:protectionCertificates.Length<1";

    private SignInAnswer() {
    }

    static OwaHealth judge(String url, int status, String location, List<String> setCookies, String body) {
        String text = body == null ? "" : body;
        if (status == 500 && text.contains("HMACProvider.GetCertificates")) {
            return new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP 500: " + EX_ASSERT
                    + " (no usable Auth certificate: KB 5005341)");
        }
        if (status == 302 || status == 303) {
            boolean cadata = setCookies.stream().anyMatch(c -> c.regionMatches(true, 0, "cadata", 0, 6));
            if (cadata) {
                return new OwaHealth(url, OwaHealth.Status.HEALTHY, "signed in (HTTP " + status + ", cadata cookies)");
            }
            String where = location == null ? "" : location.toLowerCase(Locale.ROOT);
            if (where.contains("logon.aspx") && where.contains("reason=")) {
                return new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "sign-in refused (back to the logon page, "
                        + where.substring(where.indexOf("reason=")).split("&")[0] + "): check owa_probe_user and owa_probe_password");
            }
            if (where.contains("errorfe.aspx")) {
                return new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + status + " to the error page " + location);
            }
            return new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + status + " without cadata cookies"
                    + (location == null ? "" : " to " + location));
        }
        return new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + status);
    }
}
