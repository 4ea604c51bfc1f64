package io.authcert.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Types an INI inventory value the way Ansible does, with Python's {@code ast.literal_eval}: numbers,
 * quoted strings, {@code True}/{@code False}/{@code None}, lists, tuples and dicts become values;
 * anything else ({@code yes}, {@code 10.0.0.1}, {@code ignore}) stays text.
 */
final class PythonLiteral {

    private final String s;
    private int pos;

    private PythonLiteral(String s) {
        this.s = s;
    }

    /** The value Ansible would store for {@code text} in an INI inventory (null for Python's None). */
    static Object typed(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0))) {
            return text;
        }
        PythonLiteral p = new PythonLiteral(text);
        try {
            Object v = p.expression();
            p.skipSpace();
            if (p.pos != text.length()) {
                return text;
            }
            return unwrap(v);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return text;
        }
    }

    /** Python's None while parsing (a null would be ambiguous). */
    private static final Object NONE = new Object();

    /** A top-level expression: a value, or a bare tuple {@code 1, 2}. */
    private Object expression() {
        Object first = value();
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
            List<Object> tuple = new ArrayList<>();
            tuple.add(unwrap(first));
            while (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                skipSpace();
                if (pos >= s.length()) {
                    break;
                }
                tuple.add(unwrap(value()));
                skipSpace();
            }
            return tuple;
        }
        return first;
    }

    private Object value() {
        skipSpace();
        char c = s.charAt(pos);
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '(') {
            return sequence('(', ')');
        }
        if (c == '{') {
            return dict();
        }
        if (c == '\'' || c == '"' || isStringPrefix()) {
            StringBuilder out = new StringBuilder();
            do {
                out.append(string());
                skipSpace();
            } while (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"' || isStringPrefix()));
            return out.toString();
        }
        if (c == '-' || c == '+') {
            pos++;
            skipSpace();
            Object n = number();
            if (c == '+') {
                return n;
            }
            if (n instanceof BigInteger b) {
                return narrow(b.negate());
            }
            if (n instanceof Double d) {
                return -d;
            }
            if (n instanceof Long l) {
                return narrow(BigInteger.valueOf(l).negate());
            }
            return narrow(BigInteger.valueOf(-((Integer) n)));
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        String word = word();
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> NONE;
            default -> throw new IllegalArgumentException("not a literal");
        };
    }

    private Object sequence(char open, char close) {
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        boolean sawComma = false;
        while (s.charAt(pos) != close) {
            out.add(unwrap(value()));
            skipSpace();
            if (s.charAt(pos) == ',') {
                sawComma = true;
                pos++;
                skipSpace();
            } else if (s.charAt(pos) != close) {
                throw new IllegalArgumentException("expected , or " + close);
            }
        }
        pos++;
        if (open == '(' && out.size() == 1 && !sawComma) {
            // (x) is just x in Python; only (x,) is a tuple.
            return out.get(0) == null ? NONE : out.get(0);
        }
        return out;
    }

    private Map<String, Object> dict() {
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        while (s.charAt(pos) != '}') {
            Object key = unwrap(value());
            skipSpace();
            if (s.charAt(pos) != ':') {
                throw new IllegalArgumentException("a set, not a dict");
            }
            pos++;
            Object v = unwrap(value());
            out.put(jsonKey(key), v);
            skipSpace();
            if (s.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (s.charAt(pos) != '}') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
        pos++;
        return out;
    }

    /** How Python's json module writes a non-text key. */
    private static String jsonKey(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (key instanceof List) {
            throw new IllegalArgumentException("unhashable key");
        }
        return String.valueOf(key);
    }

    private boolean isStringPrefix() {
        int i = pos;
        while (i < s.length() && i - pos < 2 && "rRbBuU".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"');
    }

    private String string() {
        boolean raw = false;
        while ("rRbBuU".indexOf(s.charAt(pos)) >= 0) {
            raw |= s.charAt(pos) == 'r' || s.charAt(pos) == 'R';
            pos++;
        }
        char q = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
        String end = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        pos += end.length();
        StringBuilder out = new StringBuilder();
        while (!s.startsWith(end, pos)) {
            char c = s.charAt(pos++);
            if (c == '\n' && !triple) {
                throw new IllegalArgumentException("unterminated string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            if (raw) {
                out.append('\\').append(e);
                continue;
            }
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '\'', '"' -> out.append(e);
                case '\n' -> { }
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
                    pos += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append('\\').append(e);
            }
        }
        pos += end.length();
        return out.toString();
    }

    private Object number() {
        int start = pos;
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos) || s.startsWith("0o", pos) || s.startsWith("0O", pos)
                || s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
            int radix = switch (Character.toLowerCase(s.charAt(pos + 1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            pos += 2;
            String digits = word();
            return narrow(new BigInteger(digits.replace("_", ""), radix));
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.'
                || (s.charAt(pos) == '-' || s.charAt(pos) == '+') && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E'))) {
            pos++;
        }
        String text = s.substring(start, pos);
        if (text.contains("__") || text.endsWith("_") || text.contains("_.") || text.contains("._")) {
            throw new IllegalArgumentException("bad underscores");
        }
        String plain = text.replace("_", "");
        if (plain.matches("[0-9]+")) {
            if (plain.length() > 1 && plain.charAt(0) == '0' && !plain.matches("0+")) {
                throw new IllegalArgumentException("leading zeros");
            }
            return narrow(new BigInteger(plain));
        }
        if (plain.matches("([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+")) {
            return Double.parseDouble(plain);
        }
        throw new IllegalArgumentException("not a number");
    }

    private String word() {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("expected a value");
        }
        return s.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '#') {
                // Python comments end the line; INI values are one line.
                pos = s.indexOf('\n', pos) < 0 ? s.length() : s.indexOf('\n', pos);
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static Object unwrap(Object v) {
        return v == NONE ? null : v;
    }

    private static Number narrow(BigInteger b) {
        if (b.bitLength() < 32) {
            return b.intValue();
        }
        if (b.bitLength() < 64) {
            return b.longValue();
        }
        return b;
    }
}
