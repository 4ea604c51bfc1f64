package io.authcert.inventory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a value as Python's {@code str()} would, for the {@code --graph --vars} lines ansible-inventory prints. */
final class PythonText {

    private PythonText() {
    }

    static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return s.contains("'") && !s.contains("\"") ? "\"" + s + "\"" : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(PythonText::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
