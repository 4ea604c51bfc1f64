package io.authcert.lab.pwsh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** PowerShell's operators over the lab's values: comparison (with collection filtering), arithmetic, -split, -join... */
final class Operators {

    private Operators() {
    }

    static Object unary(Interpreter in, String op, Object v, Ast.Extent at) {
        switch (op) {
            case "-not":
                return !LanguagePrimitives.toBool(v);
            case "-bnot":
                return ~(Long) LanguagePrimitives.convertTo(v, "long");
            case "-split": {
                List<Object> out = new ArrayList<>();
                for (Object item : LanguagePrimitives.enumerate(v)) {
                    for (String part : LanguagePrimitives.toStringValue(item).trim().split("\\s+")) {
                        if (!part.isEmpty()) {
                            out.add(part);
                        }
                    }
                }
                return out;
            }
            case "-join": {
                StringBuilder sb = new StringBuilder();
                LanguagePrimitives.enumerate(v).forEach(x -> sb.append(LanguagePrimitives.toStringValue(x)));
                return sb.toString();
            }
            case "-":
                return arithmetic(in, "*", v instanceof String ? number(in, v, at) : v, -1, at);
            case "+":
                return v instanceof String ? number(in, v, at) : v;
            default:
                throw in.runtimeError("Unexpected operator '" + op + "'.", ErrorCategory.ParserError,
                        "UnexpectedToken", at);
        }
    }

    private static Object number(Interpreter in, Object v, Ast.Extent at) {
        Object n = Parser.numberOrNull(LanguagePrimitives.toStringValue(v).trim());
        if (n == null) {
            throw in.runtimeError("Cannot convert value \"" + v + "\" to type \"System.Int32\". Error: \"Input string was"
                    + " not in a correct format.\"", ErrorCategory.InvalidArgument, "InvalidCastFromStringToInteger", at);
        }
        return n;
    }

    static Object binary(Interpreter in, String op, Object left, Object right, Ast.Extent at) {
        String o = op.toLowerCase(Locale.ROOT);
        boolean cs = false;
        if (o.length() > 2 && o.startsWith("c") && isComparison(o.substring(1))) {
            cs = true;
            o = o.substring(1);
        } else if (o.length() > 2 && o.startsWith("i") && isComparison(o.substring(1))) {
            o = o.substring(1);
        }
        try {
            switch (o) {
                case "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch":
                    return compare(in, o, left, right, cs);
                case "contains":
                    return contains(left, right, cs);
                case "notcontains":
                    return !contains(left, right, cs);
                case "in":
                    return contains(right, left, cs);
                case "notin":
                    return !contains(right, left, cs);
                case "xor":
                    return LanguagePrimitives.toBool(left) ^ LanguagePrimitives.toBool(right);
                case "band":
                    return narrow((Long) LanguagePrimitives.convertTo(left, "long") & (Long) LanguagePrimitives.convertTo(right, "long"));
                case "bor":
                    return narrow((Long) LanguagePrimitives.convertTo(left, "long") | (Long) LanguagePrimitives.convertTo(right, "long"));
                case "bxor":
                    return narrow((Long) LanguagePrimitives.convertTo(left, "long") ^ (Long) LanguagePrimitives.convertTo(right, "long"));
                case "split":
                    return split(left, right, cs);
                case "join": {
                    List<String> parts = new ArrayList<>();
                    LanguagePrimitives.enumerate(left).forEach(x -> parts.add(LanguagePrimitives.toStringValue(x)));
                    return String.join(LanguagePrimitives.toStringValue(right), parts);
                }
                case "replace":
                    return replace(left, right, cs);
                case "is":
                    return right instanceof Members.TypeRef t && in.members().isInstance(left, t);
                case "isnot":
                    return !(right instanceof Members.TypeRef t && in.members().isInstance(left, t));
                case "as":
                    try {
                        return in.members().cast(((Members.TypeRef) right).name(), left, at);
                    } catch (PsException e) {
                        return null;
                    }
                case "f":
                    return format(LanguagePrimitives.toStringValue(left), LanguagePrimitives.enumerate(right));
                case "..": {
                    int a = (Integer) LanguagePrimitives.convertTo(left, "int");
                    int b = (Integer) LanguagePrimitives.convertTo(right, "int");
                    List<Object> out = new ArrayList<>();
                    int step = a <= b ? 1 : -1;
                    for (int i = a; i != b + step; i += step) {
                        out.add(i);
                    }
                    return out;
                }
                case "+", "-", "*", "/", "%":
                    return arithmetic(in, o, left, right, at);
                default:
                    throw in.runtimeError("The lab's PowerShell does not support the '-" + o + "' operator.",
                            ErrorCategory.NotImplemented, "LabUnsupportedOperator", at);
            }
        } catch (PsType.ConversionException e) {
            throw in.runtimeError(e.getMessage(), ErrorCategory.InvalidArgument, "RuntimeException", at);
        } catch (PatternSyntaxException e) {
            throw in.runtimeError("The regular expression pattern " + e.getPattern() + " is not valid.",
                    ErrorCategory.InvalidOperation, "InvalidRegularExpression", at);
        }
    }

    private static boolean contains(Object collection, Object item, boolean cs) {
        for (Object x : LanguagePrimitives.enumerate(collection instanceof PsHashtable ? List.of(collection) : collection)) {
            if (LanguagePrimitives.psEquals(x, item, cs)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isComparison(String o) {
        return List.of("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                "notcontains", "in", "notin", "replace", "split").contains(o);
    }

    private static Object compare(Interpreter in, String op, Object left, Object right, boolean cs) {
        if (left instanceof List<?> list) {
            // a collection on the left filters
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                if ((Boolean) compareScalar(in, op, item, right, cs)) {
                    out.add(item);
                }
            }
            return out;
        }
        return compareScalar(in, op, left, right, cs);
    }

    private static Object compareScalar(Interpreter in, String op, Object left, Object right, boolean cs) {
        switch (op) {
            case "eq":
                return LanguagePrimitives.psEquals(left, right, cs);
            case "ne":
                return !LanguagePrimitives.psEquals(left, right, cs);
            case "gt":
                return LanguagePrimitives.psCompare(left, right, cs) > 0;
            case "ge":
                return LanguagePrimitives.psCompare(left, right, cs) >= 0;
            case "lt":
                return LanguagePrimitives.psCompare(left, right, cs) < 0;
            case "le":
                return LanguagePrimitives.psCompare(left, right, cs) <= 0;
            case "like":
                return wildcard(LanguagePrimitives.toStringValue(right), cs)
                        .matcher(LanguagePrimitives.toStringValue(left)).matches();
            case "notlike":
                return !wildcard(LanguagePrimitives.toStringValue(right), cs)
                        .matcher(LanguagePrimitives.toStringValue(left)).matches();
            case "match", "notmatch": {
                Pattern p = Pattern.compile(LanguagePrimitives.toStringValue(right), cs ? 0
                        : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                Matcher m = p.matcher(LanguagePrimitives.toStringValue(left));
                boolean found = m.find();
                if (found) {
                    PsHashtable matches = PsHashtable.unordered();
                    for (int g = 0; g <= m.groupCount(); g++) {
                        if (m.group(g) != null) {
                            matches.put(g, m.group(g));
                        }
                    }
                    in.setVariable(null, "Matches", matches);
                }
                return op.equals("match") == found;
            }
            default:
                throw new IllegalStateException(op);
        }
    }

    /** A PowerShell wildcard pattern (* ? [abc]) as a regex. */
    static Pattern wildcard(String pattern, boolean cs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        sb.append("\\[");
                    } else {
                        sb.append('[').append(pattern, i + 1, end).append(']');
                        i = end;
                    }
                }
                case '`' -> {
                    if (i + 1 < pattern.length()) {
                        sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString(), (cs ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) | Pattern.DOTALL);
    }

    private static Object split(Object left, Object right, boolean cs) {
        List<Object> rightItems = LanguagePrimitives.enumerate(right);
        String pattern = LanguagePrimitives.toStringValue(rightItems.isEmpty() ? "" : rightItems.get(0));
        int limit = rightItems.size() > 1 ? (Integer) LanguagePrimitives.convertTo(rightItems.get(1), "int") : 0;
        Pattern p = Pattern.compile(pattern, cs ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<Object> out = new ArrayList<>();
        for (Object item : LanguagePrimitives.enumerate(left)) {
            String[] parts = p.split(LanguagePrimitives.toStringValue(item), limit <= 0 ? -1 : limit);
            for (String s : parts) {
                out.add(s);
            }
        }
        return out;
    }

    private static Object replace(Object left, Object right, boolean cs) {
        List<Object> r = LanguagePrimitives.enumerate(right);
        String pattern = LanguagePrimitives.toStringValue(r.isEmpty() ? "" : r.get(0));
        String replacement = r.size() > 1 ? LanguagePrimitives.toStringValue(r.get(1)) : "";
        Pattern p = Pattern.compile(pattern, cs ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        // .NET uses $1 like Java; a literal backslash is not special in .NET replacements
        String javaReplacement = replacement.replace("\\", "\\\\");
        if (left instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(p.matcher(LanguagePrimitives.toStringValue(x)).replaceAll(javaReplacement)));
            return out;
        }
        return p.matcher(LanguagePrimitives.toStringValue(left)).replaceAll(javaReplacement);
    }

    private static Object narrow(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    @SuppressWarnings("unchecked")
    static Object arithmetic(Interpreter in, String op, Object left, Object right, Ast.Extent at) {
        if (op.equals("+")) {
            if (left instanceof List<?> l) {
                List<Object> out = new ArrayList<>((List<Object>) l);
                if (right instanceof List<?> r) {
                    out.addAll(r);
                } else {
                    out.add(right);
                }
                return out;
            }
            if (left instanceof String s) {
                return s + in.expandToString(right);
            }
            if (left instanceof PsHashtable h && right instanceof PsHashtable r) {
                PsHashtable out = new PsHashtable(h.isOrdered());
                h.keys().forEach(k -> out.put(k, h.get(k)));
                for (Object k : r.keys()) {
                    if (out.containsKey(k)) {
                        throw in.runtimeError("Item has already been added. Key in dictionary: '" + k
                                + "'  Key being added: '" + k + "'", ErrorCategory.OperationStopped, "ArgumentException", at);
                    }
                    out.put(k, r.get(k));
                }
                return out;
            }
            if (left instanceof PsDateTime d && right instanceof PsTimeSpan t) {
                return d.plus(t.duration());
            }
            if (left == null) {
                return right;
            }
        }
        if (op.equals("-") && left instanceof PsDateTime d) {
            if (right instanceof PsDateTime r) {
                return new PsTimeSpan(Duration.between(r.instant(), d.instant()));
            }
            if (right instanceof PsTimeSpan t) {
                return d.plus(t.duration().negated());
            }
        }
        if (op.equals("*") && left instanceof String s) {
            return s.repeat((Integer) LanguagePrimitives.convertTo(right, "int"));
        }
        if (op.equals("*") && left instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            int times = (Integer) LanguagePrimitives.convertTo(right, "int");
            for (int i = 0; i < times; i++) {
                out.addAll(l);
            }
            return out;
        }
        if (left == null) {
            left = 0;
        }
        if (!(left instanceof Number) && !(left instanceof Boolean) && !(left instanceof PsEnum)) {
            String method = switch (op) {
                case "+" -> "op_Addition";
                case "-" -> "op_Subtraction";
                case "*" -> "op_Multiply";
                case "/" -> "op_Division";
                default -> "op_Modulus";
            };
            throw in.runtimeError("Method invocation failed because [" + LanguagePrimitives.typeName(left)
                    + "] does not contain a method named '" + method + "'.", ErrorCategory.InvalidOperation,
                    "MethodNotFound", at);
        }
        Object r = right instanceof String s ? number(in, s, at) : right == null ? 0 : right;
        boolean integral = isIntegral(left) && isIntegral(r);
        if (integral) {
            long a = ((Number) LanguagePrimitives.convertTo(left, "long")).longValue();
            long b = ((Number) LanguagePrimitives.convertTo(r, "long")).longValue();
            switch (op) {
                case "+":
                    return widen(Math.addExact(a, b), left, r);
                case "-":
                    return widen(Math.subtractExact(a, b), left, r);
                case "*":
                    return widen(Math.multiplyExact(a, b), left, r);
                case "%":
                    if (b == 0) {
                        throw divideByZero(in, at);
                    }
                    return widen(a % b, left, r);
                case "/":
                    if (b == 0) {
                        throw divideByZero(in, at);
                    }
                    if (a % b == 0) {
                        return widen(a / b, left, r);
                    }
                    return (double) a / b;
                default:
                    break;
            }
        }
        double a = ((Number) LanguagePrimitives.convertTo(left, "double")).doubleValue();
        double b = ((Number) LanguagePrimitives.convertTo(r, "double")).doubleValue();
        switch (op) {
            case "+":
                return a + b;
            case "-":
                return a - b;
            case "*":
                return a * b;
            case "/":
                if (b == 0) {
                    throw divideByZero(in, at);
                }
                return a / b;
            default:
                return a % b;
        }
    }

    private static PsException divideByZero(Interpreter in, Ast.Extent at) {
        return in.runtimeError("Attempted to divide by zero.", ErrorCategory.NotSpecified, "RuntimeException", at);
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Boolean || v instanceof PsEnum;
    }

    private static Object widen(long v, Object a, Object b) {
        if (a instanceof Long || b instanceof Long) {
            return v;
        }
        return narrow(v);
    }

    /** .NET composite formatting: {0}, {1,-10}, {0:N2}. */
    static String format(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '{' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
                sb.append('{');
                i++;
            } else if (c == '}' && i + 1 < format.length() && format.charAt(i + 1) == '}') {
                sb.append('}');
                i++;
            } else if (c == '{') {
                int end = format.indexOf('}', i);
                String spec = format.substring(i + 1, end);
                String fmt = null;
                int colon = spec.indexOf(':');
                if (colon >= 0) {
                    fmt = spec.substring(colon + 1);
                    spec = spec.substring(0, colon);
                }
                int width = 0;
                int comma = spec.indexOf(',');
                if (comma >= 0) {
                    width = Integer.parseInt(spec.substring(comma + 1).trim());
                    spec = spec.substring(0, comma);
                }
                int index = Integer.parseInt(spec.trim());
                if (index >= args.size()) {
                    throw new IllegalArgumentException("Index (zero based) must be greater than or equal to zero and less "
                            + "than the size of the argument list.");
                }
                Object v = args.get(index);
                String text;
                if (fmt != null && (v instanceof Number || v instanceof PsDateTime)) {
                    text = LanguagePrimitives.toStringValue(invokeToString(v, fmt));
                } else {
                    text = v instanceof PsDateTime d ? d.toString() : LanguagePrimitives.toStringValue(v);
                }
                if (width > 0) {
                    text = " ".repeat(Math.max(0, width - text.length())) + text;
                } else if (width < 0) {
                    text = text + " ".repeat(Math.max(0, -width - text.length()));
                }
                sb.append(text);
                i = end;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Object invokeToString(Object v, String fmt) {
        if (v instanceof PsDateTime d) {
            return d.format(fmt);
        }
        String f = fmt.toUpperCase(Locale.ROOT);
        int digits = f.length() > 1 ? Integer.parseInt(f.substring(1)) : 2;
        return switch (f.charAt(0)) {
            case 'N' -> String.format(Locale.US, "%,." + digits + "f", ((Number) v).doubleValue());
            case 'F' -> String.format(Locale.US, "%." + digits + "f", ((Number) v).doubleValue());
            case 'D' -> String.format("%0" + Math.max(1, f.length() > 1 ? digits : 1) + "d", ((Number) v).longValue());
            default -> LanguagePrimitives.toStringValue(v);
        };
    }
}
