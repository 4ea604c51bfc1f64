package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A value of a .NET enum, printed as .NET prints it: the member name, or for a [Flags] enum the set
 * members in ascending order joined by ", " ({@code IIS, SMTP}). ConvertTo-Json writes the number.
 */
public record PsEnum(Type type, long value) {

    /** An enum type: its .NET name, whether it is [Flags], and its members with their values. */
    public record Type(String fullName, boolean flags, Map<String, Long> members) {

        public Type {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** A plain (non-flags) enum whose members are numbered 0, 1, 2... in the given order. */
        public static Type of(String fullName, String... names) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], (long) i);
            }
            return new Type(fullName, false, m);
        }

        /** The value named {@code text}: one member or, for flags, a comma-separated list; case-insensitive. */
        public PsEnum parse(String text) {
            long v = 0;
            String[] parts = flags ? text.split(",") : new String[] {text};
            for (String part : parts) {
                String name = part.trim();
                Long found = null;
                for (Map.Entry<String, Long> e : members.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) {
                        found = e.getValue();
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("Unable to match the identifier name " + name
                            + " to a valid enumerator name. Specify one of the following enumerator names and try again:"
                            + System.lineSeparator().replace(System.lineSeparator(), "\r\n")
                            + String.join(", ", members.keySet()));
                }
                v |= found;
            }
            return new PsEnum(this, v);
        }

        public PsEnum value(long v) {
            return new PsEnum(this, v);
        }
    }

    /** Whether every flag of {@code other} is set here ({@code HasFlag}). */
    public boolean hasFlag(PsEnum other) {
        return (value & other.value) == other.value;
    }

    @Override
    public String toString() {
        for (Map.Entry<String, Long> e : type.members().entrySet()) {
            if (e.getValue() == value) {
                return e.getKey();
            }
        }
        if (!type.flags()) {
            return Long.toString(value);
        }
        // .NET: take members from the highest value down while they fit, then list them ascending
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(type.members().entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        List<String> names = new ArrayList<>();
        long rest = value;
        for (int i = sorted.size() - 1; i >= 0; i--) {
            long m = sorted.get(i).getValue();
            if (m != 0 && (rest & m) == m) {
                names.add(0, sorted.get(i).getKey());
                rest -= m;
            }
        }
        return rest != 0 ? Long.toString(value) : String.join(", ", names);
    }

    /** Lower-case name form, for comparisons. */
    String key() {
        return toString().toLowerCase(Locale.ROOT);
    }
}
