package io.authcert.facts;

/**
 * The answer of a server's OWA health URL ({@code owa_health_url}, typically
 * {@code https://SERVER/owa/healthcheck.htm}). With an expired Auth certificate OWA stops signing in.
 */
public record OwaHealth(String url, Status status, String detail) {

    public enum Status {
        /** HTTP 200. */
        HEALTHY,
        /** Answered, but not with 200 (the seed's outage shows as 500 or a redirect loop). */
        UNHEALTHY,
        /** No answer (refused, TLS failure, timeout). */
        UNREACHABLE,
        /** No health URL is known for this host. */
        NOT_CONFIGURED
    }

    /** The inventory variable holding a host's OWA health URL. */
    public static final String URL_VAR = "owa_health_url";

    /** A PEM file of the CAs to trust for the health URL; defaults to {@code ansible_winrm_ca_trust_path}. */
    public static final String CA_TRUST_VAR = "owa_health_ca_trust_path";

    public static OwaHealth notConfigured() {
        return new OwaHealth(null, Status.NOT_CONFIGURED, "no " + URL_VAR + " for this host");
    }

    /** Short form for tables: "ok", "HTTP 500", "unreachable", "-". */
    public String shortForm() {
        return switch (status) {
            case HEALTHY -> "ok";
            case UNHEALTHY -> detail;
            case UNREACHABLE -> "unreachable";
            case NOT_CONFIGURED -> "-";
        };
    }
}
