package io.authcert.playbook.modules;

import java.util.List;
import java.util.Objects;

/**
 * One argument a module accepts: its name, type, default, allowed values or range, and what it means.
 * The registry's argument specs are the single source of both validation and {@code docs/playbook.md}.
 *
 * @param defaultValue the value used when the argument is absent (already typed: String, Integer,
 *                     Boolean, List of String, java.time.Duration), or null for "none"
 * @param allowed      the only values accepted, as written in a playbook; empty means any
 * @param min          the smallest accepted value for integers (durations: seconds), or null
 * @param max          the largest accepted value for integers (durations: seconds), or null
 */
public record ArgumentSpec(
        String name,
        ArgumentType type,
        Object defaultValue,
        List<String> allowed,
        boolean required,
        Long min,
        Long max,
        String description) {

    public ArgumentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required argument has no default");
        }
    }

    /** Starts describing an argument. */
    public static Builder of(String name, ArgumentType type) {
        return new Builder(name, type);
    }

    /** Builds an {@link ArgumentSpec} one property at a time, so module definitions read like a table. */
    public static final class Builder {
        private final String name;
        private final ArgumentType type;
        private Object defaultValue;
        private List<String> allowed = List.of();
        private boolean required;
        private Long min;
        private Long max;

        private Builder(String name, ArgumentType type) {
            this.name = name;
            this.type = type;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public ArgumentSpec describedAs(String description) {
            return new ArgumentSpec(name, type, defaultValue, allowed, required, min, max, description);
        }
    }
}
