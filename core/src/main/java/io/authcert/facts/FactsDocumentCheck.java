package io.authcert.facts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.authcert.diag.Diagnostic;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The strict part of reading a facts document (docs/facts.md): every thumbprint is 40 hexadecimal
 * digits and every date an ISO-8601 instant, or null. The lenient reader would turn a damaged
 * thumbprint into a certificate nobody has and plan around it; here it is refused, each problem at its
 * file, line and column, naming the host and the field.
 */
final class FactsDocumentCheck {

    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-F]{40}");
    private static final String THUMBPRINT_HINT = "a thumbprint is 40 hexadecimal digits (the certificate's SHA-1, as"
            + " Get-ExchangeCertificate shows it), or null when unset; save the facts again with"
            + " 'engine facts -i INV --save DIR' rather than editing them";
    private static final String DATE_HINT = "write dates as ISO-8601 in UTC, like 2026-11-28T10:00:00Z, or null when"
            + " unknown; save the facts again with 'engine facts -i INV --save DIR' rather than editing them";

    private final String file;
    private final Map<String, SourceLocation> positions;
    private final List<Diagnostic> problems = new ArrayList<>();

    private FactsDocumentCheck(String file, Map<String, SourceLocation> positions) {
        this.file = file;
        this.positions = positions;
    }

    /** The problems of the document's hosts; {@code text} gives positions when it is the document as a whole. */
    static List<Diagnostic> check(String file, String text, JsonNode hosts) {
        FactsDocumentCheck check = new FactsDocumentCheck(file, positions(file, text));
        Iterator<Map.Entry<String, JsonNode>> it = hosts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            check.host(e.getKey(), e.getValue());
        }
        return check.problems;
    }

    private void host(String name, JsonNode h) {
        String at = "/hosts/" + escape(name);
        if (!h.isObject()) {
            problems.add(Diagnostic.error(where(at), "host " + LenientJson.excerpt(name) + ": its facts must be a JSON object, found " + kind(h),
                    "save the facts again with 'engine facts -i INV --save DIR'"));
            return;
        }
        date(name, h, at, "gathered_at");
        object(h, "server", s -> date(name, s, at + "/server", "clock_utc"));
        object(h, "auth_config", a -> {
            for (String f : List.of("current_thumbprint", "next_thumbprint", "previous_thumbprint")) {
                thumbprint(name, a, at + "/auth_config", f);
            }
            date(name, a, at + "/auth_config", "next_effective_date");
        });
        array(h, "certificates", (c, i) -> {
            String p = at + "/certificates/" + i;
            thumbprint(name, c, p, "thumbprint");
            date(name, c, p, "not_before");
            date(name, c, p, "not_after");
        });
        object(h, "service_host", s -> date(name, s, at + "/service_host", "start_time"));
        array(h, "app_pools", (p, i) -> date(name, p, at + "/app_pools/" + i, "start_time"));
        object(h, "backend_binding", b -> thumbprint(name, b, at + "/backend_binding", "thumbprint"));
        object(h, "auth_admin", a -> {
            date(name, a, at + "/auth_admin", "last_run");
            array(a, "published", (p, i) -> {
                thumbprint(name, p, at + "/auth_admin/published/" + i, "thumbprint");
                date(name, p, at + "/auth_admin/published/" + i, "at");
            });
        });
        object(h, "owa_sign_in_errors", o -> {
            date(name, o, at + "/owa_sign_in_errors", "since");
            date(name, o, at + "/owa_sign_in_errors", "newest");
        });
    }

    private void thumbprint(String host, JsonNode parent, String path, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        String raw = v.isTextual() ? v.textValue() : v.toString();
        String normalised = v.isTextual() ? Thumbprints.normalise(raw) : null;
        if (v.isTextual() && (normalised == null || THUMBPRINT.matcher(normalised).matches())) {
            return;
        }
        String why = !v.isTextual() ? "must be text"
                : normalised.length() != 40 ? "must be 40 hexadecimal digits, got " + normalised.length()
                : "must be hexadecimal digits (0-9, A-F) only";
        problems.add(Diagnostic.error(where(path + "/" + field), "host " + LenientJson.excerpt(host) + ": " + dotted(path, field)
                + " " + why + ": " + quote(raw), THUMBPRINT_HINT));
    }

    private void date(String host, JsonNode parent, String path, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (v.isTextual()) {
            try {
                if (LenientJson.parseInstant(v.textValue()) != null || v.textValue().isBlank()) {
                    return;
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                // reported below
            }
        }
        problems.add(Diagnostic.error(where(path + "/" + field), "host " + LenientJson.excerpt(host) + ": " + dotted(path, field)
                + " is not an ISO-8601 date: " + quote(v.isTextual() ? v.textValue() : v.toString()), DATE_HINT));
    }

    private static void object(JsonNode parent, String field, java.util.function.Consumer<JsonNode> check) {
        JsonNode v = parent.get(field);
        if (v != null && v.isObject()) {
            check.accept(v);
        }
    }

    private static void array(JsonNode parent, String field, java.util.function.BiConsumer<JsonNode, Integer> check) {
        JsonNode v = parent.get(field);
        if (v != null && v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isObject()) {
                    check.accept(v.get(i), i);
                }
            }
        }
    }

    /** {@code auth_config.current_thumbprint}, {@code certificates[0].not_after}: the field as a person finds it. */
    private static String dotted(String path, String field) {
        String[] parts = path.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 3; i < parts.length; i++) {
            if (parts[i].chars().allMatch(Character::isDigit)) {
                out.append('[').append(parts[i]).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(parts[i]);
            }
        }
        return out.append(out.length() == 0 ? "" : ".").append(field).toString();
    }

    private SourceLocation where(String pointer) {
        SourceLocation at = positions.get(pointer);
        return at != null ? at : SourceLocation.ofFile(file);
    }

    /** Where each value of the document starts, by JSON pointer; empty when the text is not one JSON document. */
    private static Map<String, SourceLocation> positions(String file, String text) {
        Map<String, SourceLocation> out = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    var loc = parser.currentTokenLocation();
                    out.put(parser.getParsingContext().pathAsPointer().toString()
                                    .replaceFirst("^$", ""),
                            new SourceLocation(file, loc.getLineNr(), loc.getColumnNr()));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String kind(JsonNode v) {
        return v.isArray() ? "a list" : v.isTextual() ? "the text " + quote(v.textValue()) : v.isNull() ? "null"
                : LenientJson.excerpt(v.toString());
    }

    private static String quote(String s) {
        return "'" + LenientJson.excerpt(s) + "'";
    }
}
