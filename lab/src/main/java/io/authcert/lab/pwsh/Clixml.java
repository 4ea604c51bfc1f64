package io.authcert.lab.pwsh;

/** CLIXML string escaping as PowerShell's serializer does it: XML entities plus _xHHHH_ for control characters. */
final class Clixml {

    private Clixml() {
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '_' -> {
                    // a literal "_x" that looks like an escape must itself be escaped
                    if (i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                        sb.append("_x005F_");
                    } else {
                        sb.append('_');
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && false) {
                        sb.append(String.format("_x%04X_", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
