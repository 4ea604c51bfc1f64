package io.authcert.plan;

/**
 * Values as a plan under review shows them: on one line, every control character visible. A friendly
 * name, a reason or a fact read back from a server that carries a newline, a carriage return, an ANSI
 * escape or a bidirectional override could otherwise forge lines or hide text in a plan a person
 * approves. Printable text, backslashes included ({@code CONTOSO\admin}), is left as it is.
 */
public final class PlanText {

    private PlanText() {
    }

    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && sb == null) {
                sb = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (sb != null) {
                sb.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || invisibleLayout(c)) {
            return String.format("\\u%04X", (int) c);
        }
        return null;
    }

    /** Line and paragraph separators, bidirectional embeddings, overrides and isolates, zero-width marks. */
    private static boolean invisibleLayout(char c) {
        return c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || (c >= '\u200B' && c <= '\u200F') || c == '\u061C' || c == '\uFEFF';
    }
}
