package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A PowerShell object as cmdlets return it: a .NET type name, ordered properties (looked up without
 * regard to case, as PowerShell does), optional methods and an optional string form.
 *
 * <p>Use it for everything an Exchange cmdlet returns ({@code AuthConfig}, {@code ExchangeCertificate},
 * {@code ADObjectId}...). {@link #withToString(String)} gives objects such as {@code ADObjectId} or
 * {@code ServerVersion} the text their {@code ToString()} returns; {@link #withDefaultDisplay} lists the
 * properties the default table view shows. Not thread-safe: build it, then hand it out.
 */
public final class PsObject {

    /** A method callable from script: receives the arguments, returns a value (or null). */
    @FunctionalInterface
    public interface Method extends Function<List<Object>, Object> {
    }

    private final List<String> typeNames;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private String toStringValue;
    private List<String> defaultDisplay = List.of();

    /** An object of the given .NET type ("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig"). */
    public PsObject(String typeName) {
        this.typeNames = List.of(typeName);
    }

    /** A {@code PSCustomObject}, as {@code [pscustomobject]@{...}} or Select-Object make. */
    public static PsObject custom() {
        return new PsObject("System.Management.Automation.PSCustomObject");
    }

    public String typeName() {
        return typeNames.get(0);
    }

    /** Adds or replaces a property, keeping its first position. */
    public PsObject set(String name, Object value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, name);
        values.put(key, value);
        return this;
    }

    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The property value, or null when absent (PowerShell yields $null for a missing property too). */
    public Object get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** Property names in declaration order, spelled as declared. */
    public List<String> propertyNames() {
        return Collections.unmodifiableList(new ArrayList<>(names.values()));
    }

    /** Adds a method callable as {@code $obj.Name(args)}; names are case-insensitive. */
    public PsObject method(String name, Method method) {
        methods.put(name.toLowerCase(Locale.ROOT), method);
        return this;
    }

    /** The method, or null when the object has none of that name. */
    public Method findMethod(String name) {
        return methods.get(name.toLowerCase(Locale.ROOT));
    }

    /** What {@code ToString()} and string conversion return; by default the type name, as in .NET. */
    public PsObject withToString(String text) {
        this.toStringValue = text;
        return this;
    }

    /** The properties shown by the default formatter (a table when four or fewer, else a list). */
    public PsObject withDefaultDisplay(String... properties) {
        this.defaultDisplay = List.of(properties);
        return this;
    }

    public List<String> defaultDisplay() {
        return defaultDisplay;
    }

    public boolean hasCustomToString() {
        return toStringValue != null;
    }

    /** A shallow copy (same values), as Select-Object or a pipeline copy would see it. */
    public PsObject copy() {
        PsObject c = new PsObject(typeName());
        names.forEach((k, n) -> c.set(n, values.get(k)));
        c.methods.putAll(methods);
        c.toStringValue = toStringValue;
        c.defaultDisplay = defaultDisplay;
        return c;
    }

    @Override
    public String toString() {
        if (toStringValue != null) {
            return toStringValue;
        }
        if (typeName().equals("System.Management.Automation.PSCustomObject")) {
            // PowerShell renders a PSCustomObject in a string as @{a=1; b=2}
            StringBuilder sb = new StringBuilder("@{");
            int i = 0;
            for (String key : names.keySet()) {
                sb.append(i++ > 0 ? "; " : "").append(names.get(key)).append('=')
                        .append(LanguagePrimitives.toStringValue(values.get(key)));
            }
            return sb.append('}').toString();
        }
        return typeName();
    }
}
