package io.authcert.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * Turns what {@code gather.ps1} printed into {@link HostFacts}. Tolerates what real servers add around
 * the document: a byte-order mark, {@code WARNING:} and verbose lines before it, trailing noise after it.
 */
public final class GatherOutputParser {

    /** The newest {@code format_version} of gather.ps1 this parser understands. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);

    /**
     * Parses one host's output.
     *
     * @param orgOverride the host's {@code exchange_org} variable, or null
     * @throws FactsParseException when no usable document is in the output, or it is damaged where the planner
     *     relies on it ({@link HostFactsCheck}); the message is one plain line
     */
    public HostFacts parse(String host, Instant gatheredAt, String stdout, String orgOverride) throws FactsParseException {
        JsonNode root = findDocument(stdout);
        if (root == null) {
            throw new FactsParseException("the gathering script printed no JSON document" + firstLineHint(stdout));
        }
        int version = LenientJson.integer(root, "format_version");
        if (version > FORMAT_VERSION) {
            throw new FactsParseException("the gathering script's output has format_version " + version
                    + ", this engine reads up to " + FORMAT_VERSION + ": upgrade the engine");
        }
        if (LenientJson.field(root, "server") == null) {
            throw new FactsParseException("the gathering script's output has no \"server\" section");
        }
        HostFacts facts;
        try {
            facts = HostFactsJson.read(host, gatheredAt, root, orgOverride);
        } catch (IllegalArgumentException e) {
            throw new FactsParseException("unreadable value in the gathering script's output: " + e.getMessage());
        }
        java.util.List<String> problems = HostFactsCheck.problems(facts);
        if (!problems.isEmpty()) {
            throw new FactsParseException("the gathering script's output is damaged: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        return facts;
    }

    /**
     * The first JSON object in {@code text} that parses, skipping a BOM and any lines before it. Linear in
     * the text: each candidate brace is parsed in place, and after one that breaks the search goes on where
     * it broke (on the same line at most, so a warning's unclosed brace never swallows the document below).
     */
    static JsonNode findDocument(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace("\uFEFF", "");
        char[] chars = s.toCharArray();
        int from = 0;
        int lineEnd = -1;
        while (true) {
            int at = s.indexOf('{', from);
            if (at < 0) {
                return null;
            }
            if (lineEnd < at) {
                lineEnd = s.indexOf('\n', at);
                lineEnd = lineEnd < 0 ? chars.length : lineEnd;
            }
            int eol = lineEnd;
            if (!opensObject(chars, at)) {
                from = at + 1;
                continue;
            }
            long broke;
            JsonParser parser = null;
            try {
                parser = MAPPER.createParser(chars, at, chars.length - at);
                JsonNode node = MAPPER.readTree(parser);
                if (node != null && node.isObject()) {
                    return node;
                }
                broke = 1;
            } catch (StreamConstraintsException e) {
                // Nested deeper than Jackson reads: no gathering output; go on after what was read.
                broke = parser.currentLocation().getCharOffset();
                eol = -1;
            } catch (JsonProcessingException e) {
                // Not the document (a brace inside a warning, say): try the next candidate.
                broke = e.getLocation() == null ? 1 : e.getLocation().getCharOffset();
            } catch (IOException e) {
                return null;
            } finally {
                close(parser);
            }
            long next = at + Math.max(1, broke);
            if (eol >= 0) {
                next = Math.min(next, (long) eol + 1);
            }
            from = (int) Math.max(at + 1, Math.min(next, chars.length));
        }
    }

    /** A JSON object goes on with a field name or ends: a brace followed by anything else is no candidate. */
    private static boolean opensObject(char[] chars, int at) {
        int i = at + 1;
        while (i < chars.length && (chars[i] == ' ' || chars[i] == '\t' || chars[i] == '\r' || chars[i] == '\n')) {
            i++;
        }
        return i < chars.length && (chars[i] == '"' || chars[i] == '}');
    }

    private static void close(JsonParser parser) {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException e) {
            // Reading from memory: nothing to release.
        }
    }

    private static String firstLineHint(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            return " (its output was empty)";
        }
        String first = stdout.replace("\uFEFF", "").strip().lines().findFirst().orElse("");
        if (first.length() > 120) {
            first = first.substring(0, 120) + "...";
        }
        return " (its output starts with: " + first + ")";
    }
}
