package io.authcert.playbook.modules;

import io.authcert.diag.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A module's arguments after validation: every argument typed, defaults filled in, with where each was written. */
public final class ArgumentValues {

    private final Map<String, Object> values;
    private final Map<String, SourceLocation> locations;
    private final SourceLocation moduleLocation;

    ArgumentValues(Map<String, Object> values, Map<String, SourceLocation> locations, SourceLocation moduleLocation) {
        this.values = values;
        this.locations = locations;
        this.moduleLocation = moduleLocation;
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public int integer(String name) {
        return ((Number) values.get(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return (List<String>) values.get(name);
    }

    public Duration duration(String name) {
        return (Duration) values.get(name);
    }

    /** An enum argument: the allowed value {@code auto} is the constant {@code AUTO}. */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        return Enum.valueOf(type, string(name).toUpperCase(Locale.ROOT));
    }

    /** Whether the playbook wrote this argument (rather than taking its default). */
    public boolean given(String name) {
        return locations.containsKey(name);
    }

    /** Where the argument's value was written, or the module's key when it was defaulted. */
    public SourceLocation location(String name) {
        return locations.getOrDefault(name, moduleLocation);
    }
}
