package io.authcert.plan;

/**
 * The phases a plan can have, in the order they run. A plan keeps only the phases that have steps
 * and numbers them from 1. The order is the runbook's: make the certificate, point AuthConfig at it,
 * get it onto every server, only then restart, and clear the old one last.
 */
enum PhaseKind {
    CREATE("create certificate", false),
    CONFIGURE("configure AuthConfig", false),
    ACTIVATE("publish now", false),
    DISTRIBUTE("import certificate", false),
    WAIT_CERTIFICATE("wait for certificate", false),
    PUBLISH("publish staged certificate", false),
    WAIT_AUTH_CONFIG("wait for AuthConfig", false),
    RESTART("restart and recycle", true),
    CLEAR("clear previous certificate", false),
    BIND("back end binding", false),
    FOLLOWUP("manual follow-up", false);

    private final String title;
    private final boolean rolling;

    PhaseKind(String title, boolean rolling) {
        this.title = title;
        this.rolling = rolling;
    }

    /** The kind a phase of a plan (perhaps read back from JSON) is, by its name. */
    static java.util.Optional<PhaseKind> ofTitle(String title) {
        return java.util.Arrays.stream(values()).filter(k -> k.title.equals(title)).findFirst();
    }

    String title() {
        return title;
    }

    /** Restarts and recycles follow the play's serial, so a load balancer always has servers in service. */
    boolean rolling() {
        return rolling;
    }
}
