package io.authcert.lab.pwsh;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * PowerShell's conversion and comparison rules over the lab's value model (null, String, Boolean,
 * Integer, Long, Double, {@link PsDateTime}, {@link PsEnum}, {@link PsObject}, {@link PsHashtable},
 * {@code List<Object>} for arrays, {@code byte[]}, {@link ScriptBlock}).
 */
public final class LanguagePrimitives {

    private LanguagePrimitives() {
    }

    /** The time zone of the server whose script runs on this thread (string to DateTime conversions use it). */
    static final ThreadLocal<ZoneId> SERVER_ZONE = new ThreadLocal<>();

    /** PowerShell truthiness: $null, '', 0, $false, an empty array are false; a one-element array is its element. */
    public static boolean toBool(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof List<?> l) {
            return l.size() > 1 || l.size() == 1 && toBool(l.get(0));
        }
        if (v instanceof PsEnum e) {
            return e.value() != 0;
        }
        return true;
    }

    /** A [bool]/[switch] parameter accepts only Booleans and numbers. */
    static Object toBoolParameter(Object v) {
        if (v == null) {
            return Boolean.FALSE;
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw new PsType.ConversionException("Cannot convert '" + typeName(v)
                + "' to the type 'System.Boolean' required by parameter. Boolean parameters accept only Boolean values "
                + "and numbers, such as $True, $False, 1 or 0.");
    }

    /** PowerShell's string conversion (invariant culture; arrays joined with a space). */
    public static String toStringValue(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof PsDateTime d) {
            return d.invariantString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(toStringValue(x)));
            return String.join(" ", parts);
        }
        if (v instanceof byte[]) {
            return "System.Byte[]";
        }
        if (v instanceof ScriptBlock sb) {
            return sb.text();
        }
        return v.toString();
    }

    static Object toStringValueOrNull(Object v) {
        return v == null ? null : toStringValue(v);
    }

    /** .NET's "R" format for doubles as PowerShell prints them: 1.5, 3, 1E+20. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toString();
        if (s.contains("E")) {
            String[] p = s.split("E");
            String exp = p[1].startsWith("-") ? "-" + pad2(p[1].substring(1)) : "+" + pad2(p[1].replace("+", ""));
            return p[0] + "E" + exp;
        }
        return s;
    }

    private static String pad2(String s) {
        return s.length() < 2 ? "0" + s : s;
    }

    /** The .NET type name of a value, for messages ("System.String"). */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "System.String";
        }
        if (v instanceof Integer) {
            return "System.Int32";
        }
        if (v instanceof Long) {
            return "System.Int64";
        }
        if (v instanceof Double) {
            return "System.Double";
        }
        if (v instanceof Boolean) {
            return "System.Boolean";
        }
        if (v instanceof PsDateTime) {
            return "System.DateTime";
        }
        if (v instanceof List<?>) {
            return "System.Object[]";
        }
        if (v instanceof byte[]) {
            return "System.Byte[]";
        }
        if (v instanceof PsEnum e) {
            return e.type().fullName();
        }
        if (v instanceof PsObject o) {
            return o.typeName();
        }
        if (v instanceof PsHashtable h) {
            return h.toString();
        }
        if (v instanceof ScriptBlock) {
            return "System.Management.Automation.ScriptBlock";
        }
        if (v instanceof SecureString) {
            return "System.Security.SecureString";
        }
        return "System.Object";
    }

    /** The short type name shown in CategoryInfo targets ("String"). */
    static String shortTypeName(Object v) {
        String n = typeName(v);
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** The elements of a collection value, or the value itself as a one-element list ($null: empty). */
    @SuppressWarnings("unchecked")
    public static List<Object> enumerate(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return List.of(v);
    }

    /**
     * Converts to one of the cast types by name: int, long, double, string, bool, datetime, byte[],
     * array. Throws {@link PsType.ConversionException} with .NET's wording.
     */
    public static Object convertTo(Object v, String type) {
        if (v instanceof List<?> l && l.size() == 1 && !type.equals("array") && !type.equals("byte[]")) {
            v = l.get(0);
        }
        switch (type) {
            case "string":
                return v == null ? "" : toStringValue(v);
            case "bool":
                return toBool(v);
            case "int", "long", "double":
                return toNumber(v, type);
            case "datetime":
                return toDateTime(v);
            case "byte[]":
                if (v instanceof byte[] || v == null) {
                    return v;
                }
                if (v instanceof List<?> list) {
                    byte[] out = new byte[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = ((Number) toNumber(list.get(i), "int")).byteValue();
                    }
                    return out;
                }
                throw cannotConvert(v, "System.Byte[]", "Invalid cast.");
            case "array":
                return v == null ? new ArrayList<>() : new ArrayList<>(enumerate(v));
            default:
                throw new IllegalArgumentException(type);
        }
    }

    private static Object toNumber(Object v, String type) {
        String target = switch (type) {
            case "int" -> "System.Int32";
            case "long" -> "System.Int64";
            default -> "System.Double";
        };
        double d;
        if (v == null) {
            d = 0;
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof Boolean b) {
            d = b ? 1 : 0;
        } else if (v instanceof PsEnum e) {
            d = e.value();
        } else if (v instanceof String s) {
            String t = s.trim();
            if (t.isEmpty()) {
                d = 0;
            } else {
                try {
                    if (t.matches("(?i)[+-]?0x[0-9a-f]+")) {
                        d = Long.parseLong(t.replaceFirst("(?i)0x", ""), 16);
                    } else {
                        d = Double.parseDouble(t);
                    }
                } catch (NumberFormatException e) {
                    throw cannotConvert(v, target, "Input string was not in a correct format.");
                }
            }
        } else {
            throw new PsType.ConversionException("Cannot convert the \"" + toStringValue(v) + "\" value of type \""
                    + typeName(v) + "\" to type \"" + target + "\".");
        }
        switch (type) {
            case "int":
                if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                    throw cannotConvert(v, target, "Value was either too large or too small for an Int32.");
                }
                return (int) Math.rint(d);
            case "long":
                return (long) Math.rint(d);
            default:
                return d;
        }
    }

    private static PsType.ConversionException cannotConvert(Object v, String target, String error) {
        return new PsType.ConversionException("Cannot convert value \"" + toStringValue(v) + "\" to type \""
                + target + "\". Error: \"" + error + "\"");
    }

    /** Parses a DateTime as PowerShell's [datetime] cast does (invariant culture, ISO 8601 accepted). */
    public static PsDateTime toDateTime(Object v) {
        if (v instanceof PsDateTime d) {
            return d;
        }
        String s = toStringValue(v).trim();
        ZoneId zone = SERVER_ZONE.get() != null ? SERVER_ZONE.get() : ZoneId.of("UTC");
        return parseDateTime(s, zone);
    }

    /** Parses ISO 8601 and the invariant "MM/dd/yyyy HH:mm:ss" form; an offset or Z gives a Local time. */
    public static PsDateTime parseDateTime(String s, ZoneId zone) {
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                Instant instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                return PsDateTime.local(instant, zone);
            }
            if (s.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return new PsDateTime(LocalDate.parse(s).atStartOfDay(), PsDateTime.Kind.UNSPECIFIED, zone, false);
            }
            if (s.matches("\\d{4}-\\d\\d-\\d\\d[T ].*")) {
                return new PsDateTime(LocalDateTime.parse(s.replace(' ', 'T')), PsDateTime.Kind.UNSPECIFIED, zone, false);
            }
            for (String p : List.of("M/d/yyyy H:mm:ss", "M/d/yyyy h:mm:ss a", "M/d/yyyy H:mm", "M/d/yyyy")) {
                try {
                    DateTimeFormatter f = DateTimeFormatter.ofPattern(p, Locale.US);
                    LocalDateTime t = p.contains("H") || p.contains("h") ? LocalDateTime.parse(s, f)
                            : LocalDate.parse(s, f).atStartOfDay();
                    return new PsDateTime(t, PsDateTime.Kind.UNSPECIFIED, zone, false);
                } catch (DateTimeParseException ignored) {
                    // try the next form
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to the error
        }
        throw new PsType.ConversionException("Cannot convert value \"" + s + "\" to type \"System.DateTime\". Error: \""
                + "String was not recognized as a valid DateTime.\"");
    }

    /** Base64 of bytes, as [Convert]::ToBase64String. */
    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** -eq semantics for two scalars: the right side converts to the left side's type; strings ignore case. */
    public static boolean psEquals(Object left, Object right, boolean caseSensitive) {
        if (left == null || right == null) {
            return left == null && right == null;
        }
        if (left instanceof String ls) {
            String rs = toStringValue(right);
            return caseSensitive ? ls.equals(rs) : ls.equalsIgnoreCase(rs);
        }
        if (left instanceof Number ln) {
            if (right instanceof Number rn) {
                return ln.doubleValue() == rn.doubleValue();
            }
            try {
                return ln.doubleValue() == ((Number) toNumber(right, "double")).doubleValue();
            } catch (PsType.ConversionException e) {
                return false;
            }
        }
        if (left instanceof Boolean lb) {
            return lb == toBool(right);
        }
        if (left instanceof PsDateTime ld) {
            try {
                return ld.instant().equals(toDateTime(right).instant());
            } catch (PsType.ConversionException e) {
                return false;
            }
        }
        if (left instanceof PsEnum le) {
            if (right instanceof PsEnum re) {
                return le.value() == re.value();
            }
            if (right instanceof Number rn) {
                return le.value() == rn.longValue();
            }
            return le.key().equals(toStringValue(right).toLowerCase(Locale.ROOT).replace(" ", ""))
                    || le.toString().equalsIgnoreCase(toStringValue(right));
        }
        return left.equals(right);
    }

    /** -gt/-lt semantics: negative, zero or positive; the right side converts to the left side's type. */
    public static int psCompare(Object left, Object right, boolean caseSensitive) {
        if (left == null) {
            return right == null ? 0 : -1;
        }
        if (right == null) {
            return 1;
        }
        if (left instanceof String ls) {
            String rs = toStringValue(right);
            return caseSensitive ? ls.compareTo(rs) : ls.compareToIgnoreCase(rs);
        }
        if (left instanceof PsDateTime ld) {
            return ld.instant().compareTo(toDateTime(right).instant());
        }
        if (left instanceof PsEnum le) {
            return Long.compare(le.value(), ((Number) toNumber(right instanceof PsEnum re ? re.value() : right, "long")).longValue());
        }
        double l = ((Number) toNumber(left, "double")).doubleValue();
        double r = ((Number) toNumber(right, "double")).doubleValue();
        return Double.compare(l, r);
    }
}
