package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsEnum;
import io.authcert.lab.pwsh.PsHashtable;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsTimeSpan;
import io.authcert.lab.pwsh.ScriptBlock;
import io.authcert.lab.pwsh.SecureString;
import java.util.List;

/**
 * ConvertTo-Json as Windows PowerShell 5.1 writes it: JavaScriptSerializer's compact form
 * ({@code "\/Date(ms)\/"} dates, enums as numbers, {@code <>&'} escaped as \u003c...), objects deeper
 * than {@code -Depth} turned into their string form, and 5.1's own pretty-printer (4-space indents,
 * two spaces after the colon, nested blocks aligned under their key).
 */
public final class Json51 {

    private Json51() {
    }

    /** The JSON text for one value. */
    public static String serialize(Object value, int depth, boolean compress) {
        StringBuilder sb = new StringBuilder();
        write(value, 0, depth, sb);
        String json = sb.toString();
        return compress ? json : pretty(json);
    }

    private static void write(Object v, int level, int maxDepth, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(LanguagePrimitives.formatDouble(d));
        } else if (v instanceof PsEnum e) {
            sb.append(e.value());
        } else if (v instanceof PsDateTime d) {
            if (d.fromGetDate()) {
                // Get-Date's PSObject carries DisplayHint (a note) and DateTime (a script property)
                sb.append("{\"value\":");
                date(d, sb);
                sb.append(",\"DisplayHint\":2,\"DateTime\":");
                string(d.displayString(), sb);
                sb.append('}');
            } else {
                date(d, sb);
            }
        } else if (level > maxDepth) {
            string(LanguagePrimitives.toStringValue(v instanceof byte[] ? toList((byte[]) v) : v), sb);
        } else if (v instanceof PsHashtable h) {
            sb.append('{');
            boolean first = true;
            for (Object k : h.keys()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(LanguagePrimitives.toStringValue(k), sb);
                sb.append(':');
                write(h.get(k), level + 1, maxDepth, sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            array(l, level, maxDepth, sb);
        } else if (v instanceof byte[] bytes) {
            array(toList(bytes), level, maxDepth, sb);
        } else if (v instanceof PsObject o) {
            sb.append('{');
            boolean first = true;
            for (String name : o.propertyNames()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(name, sb);
                sb.append(':');
                write(o.get(name), level + 1, maxDepth, sb);
            }
            sb.append('}');
        } else if (v instanceof PsTimeSpan t) {
            write(timeSpanObject(t), level, maxDepth, sb);
        } else if (v instanceof SecureString s) {
            sb.append("{\"Length\":").append(s.reveal().length()).append('}');
        } else if (v instanceof ScriptBlock b) {
            string(b.text(), sb);
        } else {
            string(v.toString(), sb);
        }
    }

    private static List<Object> toList(byte[] bytes) {
        java.util.ArrayList<Object> l = new java.util.ArrayList<>();
        for (byte b : bytes) {
            l.add(b & 0xff);
        }
        return l;
    }

    private static void array(List<?> l, int level, int maxDepth, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            write(l.get(i), level + 1, maxDepth, sb);
        }
        sb.append(']');
    }

    private static PsObject timeSpanObject(PsTimeSpan t) {
        java.time.Duration d = t.duration();
        double ms = d.toNanos() / 1e6;
        return new PsObject("System.TimeSpan")
                .set("Ticks", d.toNanos() / 100)
                .set("Days", (int) d.toDays())
                .set("Hours", d.toHoursPart())
                .set("Milliseconds", d.toMillisPart())
                .set("Minutes", d.toMinutesPart())
                .set("Seconds", d.toSecondsPart())
                .set("TotalDays", ms / 86_400_000d)
                .set("TotalHours", ms / 3_600_000d)
                .set("TotalMilliseconds", ms)
                .set("TotalMinutes", ms / 60_000d)
                .set("TotalSeconds", ms / 1000d);
    }

    private static void date(PsDateTime d, StringBuilder sb) {
        sb.append("\"\\/Date(").append(d.epochMillis()).append(")\\/\"");
    }

    /** JavaScriptSerializer's string escaping. */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\'' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---- Windows PowerShell 5.1's pretty-printer --------------------------------------------------------

    static String pretty(String json) {
        if (!json.startsWith("{") && !json.startsWith("[")) {
            return json;
        }
        StringBuilder out = new StringBuilder();
        out.append(json.charAt(0));
        if (json.charAt(0) == '{') {
            dictionary(json, 1, out, "", 0);
        } else {
            list(json, 1, out, "", 0);
        }
        return out.toString();
    }

    private static int dictionary(String json, int index, StringBuilder out, String pad, int spaces) {
        out.append("\r\n");
        String newPad = pad + " ".repeat(spaces) + "    ";
        boolean head = true;
        boolean beforeColon = true;
        int keyWidth = 0;
        for (int i = index; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    out.append(c);
                    i = dictionary(json, i + 1, out, newPad, keyWidth);
                    head = false;
                }
                case '[' -> {
                    out.append(c);
                    i = list(json, i + 1, out, newPad, keyWidth);
                    head = false;
                }
                case '}' -> {
                    out.append("\r\n").append(pad).append(" ".repeat(spaces)).append(c);
                    return i;
                }
                case '"' -> {
                    if (head) {
                        out.append(newPad);
                    }
                    int end = quoted(json, i, out);
                    if (beforeColon) {
                        keyWidth = end - i + 1;
                    }
                    i = end;
                    head = false;
                }
                case ':' -> {
                    out.append(":  ");
                    if (beforeColon) {
                        keyWidth += 3;
                    }
                    beforeColon = false;
                    head = false;
                }
                case ',' -> {
                    out.append(",\r\n");
                    head = true;
                    beforeColon = true;
                    keyWidth = 0;
                }
                default -> {
                    if (head) {
                        out.append(newPad);
                    }
                    out.append(c);
                    head = false;
                }
            }
        }
        throw new IllegalStateException("unbalanced JSON");
    }

    private static int list(String json, int index, StringBuilder out, String pad, int spaces) {
        out.append("\r\n");
        String newPad = pad + " ".repeat(spaces) + "    ";
        boolean head = true;
        for (int i = index; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    out.append(newPad).append(c);
                    i = dictionary(json, i + 1, out, newPad, 0);
                    head = false;
                }
                case '[' -> {
                    out.append(newPad).append(c);
                    i = list(json, i + 1, out, newPad, 0);
                    head = false;
                }
                case ']' -> {
                    out.append("\r\n").append(pad).append(" ".repeat(spaces)).append(c);
                    return i;
                }
                case '"' -> {
                    if (head) {
                        out.append(newPad);
                    }
                    i = quoted(json, i, out);
                    head = false;
                }
                case ',' -> {
                    out.append(",\r\n");
                    head = true;
                }
                default -> {
                    if (head) {
                        out.append(newPad);
                    }
                    out.append(c);
                    head = false;
                }
            }
        }
        throw new IllegalStateException("unbalanced JSON");
    }

    /** Copies a quoted string starting at {@code start}; returns the index of its closing quote. */
    private static int quoted(String json, int start, StringBuilder out) {
        out.append('"');
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            out.append(c);
            if (c == '\\') {
                out.append(json.charAt(++i));
            } else if (c == '"') {
                return i;
            }
        }
        throw new IllegalStateException("unterminated string");
    }
}
