package io.authcert.playbook;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inside of one {@code {{ ... }}}, in the subset of Jinja authcert understands: a variable name,
 * optionally with {@code | default(literal)} (or {@code d(...)}). Anything else is refused with the
 * reason, so the user learns what is unsupported instead of getting a guess.
 *
 * @param defaultValue the literal default (String, Integer, Double, Boolean; null for {@code omit})
 */
record Expression(String variable, boolean hasDefault, Object defaultValue) {

    /** Why an expression is outside the supported subset. */
    static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason);
        }
    }

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\|\\s*(?:default|d)\\s*\\((.*)\\)\\s*)?", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern INT_LITERAL = Pattern.compile("-?\\d{1,9}");
    private static final Pattern FLOAT_LITERAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_.]*)");
    private static final Set<String> DEFAULT_FILTERS = Set.of("default", "d");
    private static final Object NOT_A_LITERAL = new Object();

    static Expression parse(String text) throws Unsupported {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new Unsupported(whatIsUnsupported(text));
        }
        if (m.group(2) == null) {
            return new Expression(m.group(1), false, null);
        }
        Object literal = literal(m.group(2).trim());
        if (literal == NOT_A_LITERAL) {
            throw new Unsupported("the default must be a literal (a quoted string, a number, true, false or omit)");
        }
        return new Expression(m.group(1), true, literal);
    }

    private static String whatIsUnsupported(String text) {
        Matcher filter = FILTER.matcher(text);
        while (filter.find()) {
            if (!DEFAULT_FILTERS.contains(filter.group(1))) {
                return "the filter '" + filter.group(1) + "' is not supported";
            }
        }
        if (text.matches("(?s).*\\b(lookup|query|q)\\s*\\(.*")) {
            return "lookups are not supported";
        }
        if (text.matches("(?s).*\\bis\\b.*")) {
            return "tests ('is ...') are not supported";
        }
        if (text.matches("(?s).*\\b(if|else|and|or|not|in)\\b.*") || text.matches("(?s).*(==|!=|<|>).*")) {
            return "conditions and comparisons are not supported";
        }
        if (text.matches("(?s).*[-+*/%~].*")) {
            return "arithmetic and concatenation are not supported";
        }
        if (text.contains(".") || text.contains("[")) {
            return "attribute and index access are not supported";
        }
        if (text.isBlank()) {
            return "the expression is empty";
        }
        return "only a variable name, optionally with '| default(value)', is supported";
    }

    private static Object literal(String text) {
        Matcher s = STRING_LITERAL.matcher(text);
        if (s.matches()) {
            String body = s.group(1) != null ? s.group(1) : s.group(2);
            return body.replaceAll("\\\\(.)", "$1");
        }
        if (INT_LITERAL.matcher(text).matches()) {
            return Integer.parseInt(text);
        }
        if (FLOAT_LITERAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return switch (text) {
            case "true", "True" -> Boolean.TRUE;
            case "false", "False" -> Boolean.FALSE;
            case "omit" -> null; // Ansible's default(omit): the argument counts as not given, so its default applies
            default -> NOT_A_LITERAL;
        };
    }
}
