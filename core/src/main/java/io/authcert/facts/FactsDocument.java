package io.authcert.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public, versioned JSON form of {@link Facts} (docs/facts.md): {@code {"format_version": 1,
 * "hosts": {NAME: {...}}}}. What {@code engine facts --format json} prints, {@code --save} writes and
 * {@code --from} reads back.
 */
public final class FactsDocument {

    /** The version this engine writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** The file name {@code --save DIR} writes and {@code --from DIR} looks for first. */
    public static final String FILE_NAME = "facts.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private FactsDocument() {
    }

    public static ObjectNode toTree(Facts facts) {
        return toTree(facts, Map.of());
    }

    /**
     * The document, with each host's {@code derived} section when its assessment is given. The
     * derived section is output only: it depends on the time it was computed and is ignored on reading.
     */
    public static ObjectNode toTree(Facts facts, Map<String, HostAssessment> assessments) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ObjectNode hosts = root.putObject("hosts");
        facts.hosts().forEach((name, h) -> {
            ObjectNode host = HostFactsJson.write(h);
            HostAssessment a = assessments.get(name);
            if (a != null) {
                host.set("derived", AssessmentJson.write(a));
            }
            hosts.set(name, host);
        });
        return root;
    }

    public static String toJson(Facts facts) {
        return toJson(facts, Map.of());
    }

    public static String toJson(Facts facts, Map<String, HostAssessment> assessments) {
        try {
            return JSON.writeValueAsString(toTree(facts, assessments)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(Facts facts) {
        return toYaml(facts, Map.of());
    }

    public static String toYaml(Facts facts, Map<String, HostAssessment> assessments) {
        try {
            return YAML.writeValueAsString(toTree(facts, assessments));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code DIR/facts.json}, creating DIR. */
    public static Path save(Facts facts, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, toJson(facts), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Reads a facts document; the organisation of each server is kept as written.
     *
     * @throws FactsParseException with every problem as a diagnostic (file, and line and column where known):
     *     not JSON, not a facts document, a damaged thumbprint or date, or facts the planner cannot rely on
     *     ({@link HostFactsCheck})
     */
    public static Facts read(String json, String source) throws FactsParseException {
        JsonNode root = GatherOutputParser.findDocument(json);
        if (root == null) {
            throw notJson(json, source);
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.canConvertToInt()) {
            throw fail(source, "not a facts document (no \"format_version\")",
                    "a facts document is what 'engine facts -i INV --save DIR' writes: {\"format_version\": 1, \"hosts\": {...}}");
        }
        if (version.intValue() > FORMAT_VERSION) {
            throw fail(source, "format_version " + version.intValue()
                    + " was written by a newer engine; this one reads up to " + FORMAT_VERSION,
                    "read it with the engine that wrote it, or save the facts again with this one ('engine facts -i INV --save DIR')");
        }
        JsonNode hosts = root.get("hosts");
        if (hosts == null || !hosts.isObject()) {
            throw fail(source, "no \"hosts\" object", "a facts document holds {\"hosts\": {\"NAME\": {...}}}: one entry per server;"
                    + " save the facts again with 'engine facts -i INV --save DIR'");
        }
        java.util.List<io.authcert.diag.Diagnostic> problems = new java.util.ArrayList<>(FactsDocumentCheck.check(source, json, hosts));
        if (!problems.isEmpty()) {
            throw new FactsParseException(problems);
        }
        Map<String, HostFacts> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = hosts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            HostFacts host;
            try {
                Instant gatheredAt = LenientJson.instant(e.getValue(), "gathered_at");
                host = HostFactsJson.read(e.getKey(), gatheredAt, e.getValue(), null);
            } catch (IllegalArgumentException ex) {
                throw fail(source, "host " + LenientJson.excerpt(e.getKey()) + ": " + ex.getMessage(), "save the facts again with 'engine facts -i INV --save DIR'");
            }
            for (String problem : HostFactsCheck.problems(host)) {
                problems.add(io.authcert.diag.Diagnostic.error(io.authcert.diag.SourceLocation.ofFile(source),
                        "host " + LenientJson.excerpt(e.getKey()) + ": " + problem, "save the facts again with 'engine facts -i INV --save DIR'"
                                + " rather than editing them (docs/facts.md)"));
            }
            out.put(e.getKey(), host);
        }
        if (!problems.isEmpty()) {
            throw new FactsParseException(problems);
        }
        return new Facts(out);
    }

    /** A problem of the whole document: at the file, with what to do. */
    private static FactsParseException fail(String source, String problem, String hint) {
        return new FactsParseException(java.util.List.of(io.authcert.diag.Diagnostic.error(
                io.authcert.diag.SourceLocation.ofFile(source), problem, hint)));
    }

    /** Not JSON at all: where the JSON parser gave up, in its words. */
    private static FactsParseException notJson(String json, String source) {
        io.authcert.diag.SourceLocation at = io.authcert.diag.SourceLocation.ofFile(source);
        String why = "no JSON object found";
        try {
            JSON.readTree(json.replace("\uFEFF", ""));
        } catch (JsonProcessingException e) {
            if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
                at = new io.authcert.diag.SourceLocation(source, e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            }
            why = io.authcert.diag.JsonProblems.describe(e);
        }
        return new FactsParseException(java.util.List.of(io.authcert.diag.Diagnostic.error(at,
                "not a facts document: the JSON is broken (" + why + ")",
                "a facts document is what 'engine facts -i INV --save DIR' writes; save the facts again rather than editing them")));
    }

    public static Facts read(Path file) throws FactsParseException {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new FactsParseException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
