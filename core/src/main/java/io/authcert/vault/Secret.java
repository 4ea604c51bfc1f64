package io.authcert.vault;

import java.util.Objects;

/**
 * A password or other secret. Its {@code toString} never reveals it, so it cannot leak into a log,
 * a plan, a report or an exception message by accident; {@link #reveal()} is the one way out.
 */
public final class Secret {

    public static final String REDACTED = "********";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself, for the one place that must hand it to a server. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
