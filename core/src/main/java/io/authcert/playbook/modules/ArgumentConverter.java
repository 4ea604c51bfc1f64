package io.authcert.playbook.modules;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one argument value as its declared type, leniently where Ansible is lenient (text from
 * {@code -e key=value} becomes a number or boolean), strictly where a guess could hurt.
 */
final class ArgumentConverter {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");

    /** Why a value could not be read. */
    static final class ConversionException extends Exception {
        ConversionException(String message) {
            super(message);
        }
    }

    private ArgumentConverter() {
    }

    static Object convert(ArgumentType type, Object raw) throws ConversionException {
        return switch (type) {
            case STRING -> toText(raw);
            case INT -> toLong(raw);
            case BOOL -> toBool(raw);
            case LIST -> toList(raw);
            case DURATION -> toDuration(raw);
        };
    }

    /** A short description of a value's kind for messages ("a list", "the text 'x'"). */
    static String describe(Object raw) {
        if (raw == null) {
            return "nothing (null)";
        }
        if (raw instanceof String s) {
            return "'" + s + "'";
        }
        if (raw instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (raw instanceof Number n) {
            return "the number " + n;
        }
        if (raw instanceof List) {
            return "a list";
        }
        if (raw instanceof Map) {
            return "a mapping";
        }
        return raw.toString();
    }

    private static String toText(Object raw) throws ConversionException {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number n) {
            return n.toString();
        }
        if (raw instanceof Boolean b) {
            throw new ConversionException("expected a string, got the boolean " + b
                    + " (YAML reads yes/no/true/false/on/off as booleans; quote it)");
        }
        throw new ConversionException("expected a string, got " + describe(raw));
    }

    private static Long toLong(Object raw) throws ConversionException {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger) {
            throw new ConversionException("the number " + raw + " is too large");
        }
        if (raw instanceof String s && DIGITS.matcher(s.trim()).matches()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new ConversionException("the number " + s.trim() + " is too large");
            }
        }
        throw new ConversionException("expected a whole number, got " + describe(raw));
    }

    private static Boolean toBool(Object raw) throws ConversionException {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1", "y" -> {
                    return true;
                }
                case "false", "no", "off", "0", "n" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        if (raw instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        throw new ConversionException("expected a boolean (true or false), got " + describe(raw));
    }

    private static List<String> toList(Object raw) throws ConversionException {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (raw instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return List.copyOf(out);
        }
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof String || item instanceof Number) {
                    out.add(item.toString());
                } else {
                    throw new ConversionException("expected a list of strings, but item " + (i + 1) + " is " + describe(item));
                }
            }
            return List.copyOf(out);
        }
        throw new ConversionException("expected a list of strings, got " + describe(raw));
    }

    private static Duration toDuration(Object raw) throws ConversionException {
        if (raw instanceof Integer || raw instanceof Long) {
            return Duration.ofSeconds(((Number) raw).longValue());
        }
        if (raw instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (DIGITS.matcher(t).matches()) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            Matcher m = DURATION.matcher(t);
            if (!t.isEmpty() && m.matches()) {
                try {
                    return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                            .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new ConversionException("the duration '" + s + "' is too large");
                }
            }
        }
        throw new ConversionException("expected a duration such as 90m, 2h, 1h30m or a number of seconds, got " + describe(raw));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
