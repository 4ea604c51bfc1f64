package io.authcert.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads values out of JSON the way Windows PowerShell 5.1 and PowerShell 7 actually write them:
 * {@code \/Date(ms)\/} dates, a lone object where an array was meant, empty strings for "unset",
 * numbers for enums. Every accessor returns null (or empty) rather than failing on a missing field.
 */
final class LenientJson {

    /** {@code /Date(1700000000000)/} or {@code /Date(1700000000000+0100)/}; the offset is display-only. */
    private static final Pattern MS_DATE = Pattern.compile("^\\\\?/Date\\((-?\\d+)([+-]\\d{4})?\\)\\\\?/$");

    private LenientJson() {
    }

    static JsonNode field(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v == null) {
                // ConvertTo-Json keeps .NET's PascalCase; our own documents use snake_case.
                var it = node.fieldNames();
                while (it.hasNext()) {
                    String f = it.next();
                    if (f.equalsIgnoreCase(name)) {
                        v = node.get(f);
                        break;
                    }
                }
            }
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    /** Text, or null for a missing, null or blank value. Objects yield their {@code value}/{@code DisplayName}. */
    static String text(JsonNode node, String... names) {
        return asText(field(node, names));
    }

    static String asText(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isObject()) {
            // PowerShell 5.1 writes some enums and wrapped values as {"value": ..., "Value": ...}.
            return asText(field(v, "value", "Value", "DisplayName"));
        }
        if (v.isArray()) {
            return v.isEmpty() ? null : asText(v.get(0));
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    static boolean bool(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.intValue() != 0;
        }
        return "true".equalsIgnoreCase(v.asText().trim());
    }

    /** As {@link #bool}, but null when the field is absent or null: unknown, not false. */
    static Boolean optionalBool(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        if (v == null || v.isNull()) {
            return null;
        }
        return bool(node, names);
    }

    static int integer(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        if (v == null) {
            return 0;
        }
        if (v.isNumber()) {
            return v.intValue();
        }
        try {
            return Integer.parseInt(v.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A point in time from ISO-8601 (with or without offset: then UTC) or {@code \/Date(ms)\/}. */
    static Instant instant(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        if (v != null && v.isObject()) {
            // ConvertTo-Json -Depth on a [datetime] in PS 5.1 may write {"value": "\/Date(..)\/", "DateTime": "..."}.
            v = field(v, "value", "Value");
        }
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.longValue());
        }
        return parseInstant(v.asText());
    }

    static Instant parseInstant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        Matcher m = MS_DATE.matcher(s);
        if (m.matches()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a date: " + excerpt(s));
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a date: " + excerpt(s));
            }
        }
    }

    /** An array, a lone element (PowerShell unrolls one-element arrays) or null as a list of nodes. */
    static List<JsonNode> elements(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(e -> {
                if (!e.isNull()) {
                    out.add(e);
                }
            });
        } else if (v.isObject() && v.has("value") && v.has("Count") && v.get("value").isArray()) {
            // PS 5.1 with an array inside a PSObject: {"value": [...], "Count": n}.
            v.get("value").forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    /** Strings from an array, a lone string, or one comma-separated string ("IMAP, POP, IIS, SMTP"). */
    static List<String> strings(JsonNode node, String... names) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : elements(node, names)) {
            String s = e.isObject() ? asText(field(e, "Address", "Domain", "value", "Value", "Name")) : asText(e);
            if (s == null) {
                continue;
            }
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** A thumbprint normalised to upper-case hex without spaces, or null when unset. */
    static String thumbprint(JsonNode node, String... names) {
        return Thumbprints.normalise(text(node, names));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * A value as quoted in a one-line message: control characters escaped (a line break would split the
     * message), long ones cut, so one damaged value cannot fill the screen.
     */
    static String excerpt(String s) {
        String cut = s.length() <= 60 ? s : s.substring(0, 60);
        StringBuilder out = new StringBuilder();
        cut.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return s.length() <= 60 ? out.toString() : out + "... (" + s.length() + " characters)";
    }
}
