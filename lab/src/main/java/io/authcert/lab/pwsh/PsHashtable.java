package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PowerShell hashtable: {@code @{}} (unordered) or {@code [ordered]@{}} (insertion order). String
 * keys compare without regard to case, as in PowerShell.
 *
 * <p>An unordered hashtable enumerates its keys in a fixed order derived from the keys' hashes, not in
 * insertion order, because that is what Windows does too: nothing downstream (the facts parser)
 * may depend on the key order of a {@code @{}}.
 */
public final class PsHashtable {

    private record Entry(Object key, Object value) {
    }

    private final boolean ordered;
    private final Map<Object, Entry> entries = new LinkedHashMap<>();

    public PsHashtable(boolean ordered) {
        this.ordered = ordered;
    }

    public static PsHashtable ordered() {
        return new PsHashtable(true);
    }

    public static PsHashtable unordered() {
        return new PsHashtable(false);
    }

    public boolean isOrdered() {
        return ordered;
    }

    private static Object normal(Object key) {
        return key instanceof String s ? s.toLowerCase(Locale.ROOT) : key;
    }

    public PsHashtable put(Object key, Object value) {
        Object k = normal(key);
        Entry old = entries.get(k);
        entries.put(k, new Entry(old == null ? key : old.key(), value));
        return this;
    }

    /** {@code .Add(key, value)}: fails on a duplicate key like .NET. */
    public void add(Object key, Object value) {
        if (containsKey(key)) {
            throw new IllegalArgumentException("Item has already been added. Key in dictionary: '" + key
                    + "'  Key being added: '" + key + "'");
        }
        put(key, value);
    }

    public Object get(Object key) {
        Entry e = entries.get(normal(key));
        return e == null ? null : e.value();
    }

    public boolean containsKey(Object key) {
        return entries.containsKey(normal(key));
    }

    public void remove(Object key) {
        entries.remove(normal(key));
    }

    public int size() {
        return entries.size();
    }

    /** Keys in enumeration order (see the class comment). */
    public List<Object> keys() {
        List<Entry> list = new ArrayList<>(entries.values());
        if (!ordered) {
            list.sort(Comparator.comparingInt(e -> Integer.reverse(normal(e.key()).hashCode() * 0x9E3779B1)));
        }
        List<Object> keys = new ArrayList<>();
        list.forEach(e -> keys.add(e.key()));
        return keys;
    }

    public List<Object> values() {
        List<Object> values = new ArrayList<>();
        keys().forEach(k -> values.add(get(k)));
        return values;
    }

    @Override
    public String toString() {
        return ordered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable";
    }
}
