package io.authcert.lab.pwsh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters bound for one call (or one pipeline record), by declared name, already converted
 * to the parameter's type. Lookups are case-insensitive. A switch that was given is {@code true}.
 */
public final class BoundParameters {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final String parameterSet;

    BoundParameters(Map<String, Object> bound, String parameterSet) {
        bound.forEach((k, v) -> {
            values.put(k.toLowerCase(Locale.ROOT), v);
            names.put(k.toLowerCase(Locale.ROOT), k);
        });
        this.parameterSet = parameterSet;
    }

    /** For tests of a cmdlet outside the interpreter. */
    public static BoundParameters of(Map<String, Object> bound) {
        return new BoundParameters(bound, null);
    }

    /** Whether the parameter was given (PowerShell's {@code $PSBoundParameters.ContainsKey}). */
    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Object get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** The value as a string, or null when absent. */
    public String string(String name) {
        Object v = get(name);
        return v == null ? null : LanguagePrimitives.toStringValue(v);
    }

    /** A switch or Boolean: true only when given and true. */
    public boolean flag(String name) {
        return Boolean.TRUE.equals(get(name));
    }

    /** A DateTime parameter, or null when absent. */
    public PsDateTime dateTime(String name) {
        return (PsDateTime) get(name);
    }

    /** An array parameter as a list (empty when absent). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = get(name);
        return v == null ? List.of() : v instanceof List<?> l ? (List<Object>) l : List.of(v);
    }

    /** The resolved parameter set, or null when the cmdlet declares none. */
    public String parameterSet() {
        return parameterSet;
    }

    /** Declared names of the bound parameters, in binding order. */
    public List<String> names() {
        return List.copyOf(names.values());
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        names.forEach((k, n) -> m.put(n, values.get(k)));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
