package io.authcert.plan;

/**
 * What a step does: a closed set of exactly what the planner emits. The JSON names
 * ({@link #jsonName()}) are public and keep their meaning; new actions may be added.
 */
public enum Action {
    CREATE_CERTIFICATE("+"),
    IMPORT_CERTIFICATE("+"),
    WAIT_FOR_CERTIFICATE("…"),
    STAGE_NEXT_CERTIFICATE("~"),
    PUBLISH_CERTIFICATE("~"),
    WAIT_FOR_AUTH_CONFIG("…"),
    RESTART_SERVICE("⟳"),
    RECYCLE_APP_POOL("⟳"),
    CLEAR_PREVIOUS_CERTIFICATE("-"),
    BIND_BACKEND_CERTIFICATE("~"),
    MANUAL_FOLLOWUP("!");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    /** The Terraform-like symbol used in the text rendering. */
    public String symbol() {
        return symbol;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Action fromJsonName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
