package io.authcert.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
     * @throws FactsParseException when no usable document is in the output (message: one plain line)
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
        try {
            return HostFactsJson.read(host, gatheredAt, root, orgOverride);
        } catch (IllegalArgumentException e) {
            throw new FactsParseException("unreadable value in the gathering script's output: " + e.getMessage());
        }
    }

    /** The first JSON object in {@code text} that parses, skipping a BOM and any lines before it. */
    static JsonNode findDocument(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace("\uFEFF", "");
        int from = 0;
        while (true) {
            int at = s.indexOf('{', from);
            if (at < 0) {
                return null;
            }
            try (JsonParser parser = MAPPER.createParser(s.substring(at))) {
                JsonNode node = MAPPER.readTree(parser);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // Not the document (a brace inside a warning, say): try the next one.
            } catch (IOException e) {
                return null;
            }
            from = at + 1;
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
