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

    /** Reads a facts document; the organisation of each server is kept as written. */
    public static Facts read(String json, String source) throws FactsParseException {
        JsonNode root = GatherOutputParser.findDocument(json);
        if (root == null) {
            throw new FactsParseException(source + ": not a facts document (no JSON object found)");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.canConvertToInt()) {
            throw new FactsParseException(source + ": not a facts document (no \"format_version\")");
        }
        if (version.intValue() > FORMAT_VERSION) {
            throw new FactsParseException(source + ": format_version " + version.intValue()
                    + " was written by a newer engine; this one reads up to " + FORMAT_VERSION);
        }
        JsonNode hosts = root.get("hosts");
        if (hosts == null || !hosts.isObject()) {
            throw new FactsParseException(source + ": no \"hosts\" object");
        }
        Map<String, HostFacts> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = hosts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                Instant gatheredAt = LenientJson.instant(e.getValue(), "gathered_at");
                out.put(e.getKey(), HostFactsJson.read(e.getKey(), gatheredAt, e.getValue(), null));
            } catch (IllegalArgumentException ex) {
                throw new FactsParseException(source + ": host " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return new Facts(out);
    }

    public static Facts read(Path file) throws FactsParseException {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new FactsParseException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
