package io.authcert.playbook.modules;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One module a task can use: its arguments, how they are checked together, and how they become a
 * typed {@link ModuleSpec}. Validation reports every problem, never just the first.
 */
public final class ModuleDefinition {

    /** Turns validated arguments into the module's spec. */
    @FunctionalInterface
    public interface Factory {
        ModuleSpec create(ArgumentValues values);
    }

    /** Checks that need several arguments at once (run only when each argument is valid on its own). */
    @FunctionalInterface
    public interface CrossCheck {
        void check(ArgumentValues values, Diagnostics diagnostics);
    }

    private final String name;
    private final String description;
    private final Map<String, ArgumentSpec> arguments = new LinkedHashMap<>();
    private final Factory factory;
    private final CrossCheck crossCheck;

    public ModuleDefinition(String name, String description, List<ArgumentSpec> arguments, Factory factory,
            CrossCheck crossCheck) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        for (ArgumentSpec a : arguments) {
            if (this.arguments.put(a.name(), a) != null) {
                throw new IllegalArgumentException(name + ": argument " + a.name() + " declared twice");
            }
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.crossCheck = crossCheck == null ? (v, d) -> { } : crossCheck;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The arguments in documentation order. */
    public List<ArgumentSpec> arguments() {
        return List.copyOf(arguments.values());
    }

    /**
     * Checks a task's arguments and builds the spec; every problem goes to {@code diagnostics}.
     *
     * @param moduleLocation where the module's key is written (for missing arguments)
     * @return the spec, or empty when anything was wrong
     */
    public Optional<ModuleSpec> validate(List<ArgumentInput> inputs, SourceLocation moduleLocation, Diagnostics diagnostics) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        java.util.Set<String> invalid = new java.util.HashSet<>();
        boolean ok = true;
        for (ArgumentInput input : inputs) {
            ArgumentSpec spec = arguments.get(input.name());
            if (spec == null) {
                diagnostics.error(input.keyLocation(), "unknown argument '" + input.name() + "' for module '" + name + "'",
                        unknownHint(input.name()));
                ok = false;
                continue;
            }
            locations.put(spec.name(), input.valueLocation());
            if (input.value() == null) {
                continue; // written as empty: Ansible treats that as "not given", so the default applies
            }
            if (input.value() == ArgumentInput.INVALID || !check(spec, input, values, diagnostics)) {
                invalid.add(spec.name());
                ok = false;
            }
        }
        for (ArgumentSpec spec : arguments.values()) {
            if (values.containsKey(spec.name()) || invalid.contains(spec.name())) {
                continue;
            }
            if (spec.required()) {
                diagnostics.error(moduleLocation, "module '" + name + "' needs the argument '" + spec.name() + "'",
                        "add '" + spec.name() + ":' (" + spec.description() + ")");
                ok = false;
            } else {
                values.put(spec.name(), normalise(spec, spec.defaultValue()));
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        ArgumentValues typed = new ArgumentValues(values, locations, moduleLocation);
        Diagnostics cross = new Diagnostics();
        crossCheck.check(typed, cross);
        diagnostics.addAll(cross);
        if (cross.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(factory.create(typed));
    }

    private boolean check(ArgumentSpec spec, ArgumentInput input, Map<String, Object> values, Diagnostics diagnostics) {
        Object value;
        try {
            value = ArgumentConverter.convert(spec.type(), input.value());
        } catch (ArgumentConverter.ConversionException e) {
            diagnostics.error(input.valueLocation(), "'" + spec.name() + "' of module '" + name + "': " + e.getMessage(),
                    allowedOrMeaning(spec));
            return false;
        }
        if (!spec.allowed().isEmpty() && !spec.allowed().contains(value.toString())) {
            String hint = Suggestions.didYouMean(value.toString(), spec.allowed());
            diagnostics.error(input.valueLocation(), "'" + spec.name() + "' of module '" + name + "' must be one of "
                    + String.join(", ", spec.allowed()) + "; got '" + value + "'",
                    hint != null ? hint : spec.description());
            return false;
        }
        long magnitude = value instanceof Duration d ? d.getSeconds() : value instanceof Long l ? l : 0;
        boolean ranged = value instanceof Duration || value instanceof Long;
        if (ranged && spec.min() != null && magnitude < spec.min() || ranged && spec.max() != null && magnitude > spec.max()) {
            diagnostics.error(input.valueLocation(), "'" + spec.name() + "' of module '" + name + "' must be "
                    + rangeText(spec) + "; got " + ArgumentConverter.describe(input.value()), spec.description());
            return false;
        }
        values.put(spec.name(), value);
        return true;
    }

    private static Object normalise(ArgumentSpec spec, Object defaultValue) {
        if (defaultValue instanceof Integer i) {
            return i.longValue();
        }
        if (defaultValue == null && spec.type() == ArgumentType.LIST) {
            return List.of();
        }
        return defaultValue;
    }

    /** The accepted range in words, for messages and documentation ("between 2 and 365"). */
    public static String rangeText(ArgumentSpec spec) {
        boolean duration = spec.type() == ArgumentType.DURATION;
        String min = spec.min() == null ? null : duration ? DurationText.format(Duration.ofSeconds(spec.min())) : spec.min().toString();
        String max = spec.max() == null ? null : duration ? DurationText.format(Duration.ofSeconds(spec.max())) : spec.max().toString();
        if (min != null && max != null) {
            return "between " + min + " and " + max;
        }
        if (min != null) {
            return "at least " + min;
        }
        return max == null ? "any value" : "at most " + max;
    }

    private String unknownHint(String given) {
        String hint = Suggestions.didYouMean(given, arguments.keySet());
        return hint != null ? hint : "module '" + name + "' accepts: " + String.join(", ", arguments.keySet());
    }

    private static String allowedOrMeaning(ArgumentSpec spec) {
        return spec.allowed().isEmpty() ? spec.name() + ": " + spec.description() : "allowed: " + String.join(", ", spec.allowed());
    }
}
