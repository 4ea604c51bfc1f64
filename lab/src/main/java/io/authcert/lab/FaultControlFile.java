package io.authcert.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.authcert.lab.exchange.FaultMoment;
import io.authcert.lab.exchange.FaultSettings;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The faults of a running lab, from a file it watches ({@code engine lab up --faults FILE}): whenever the
 * file changes, every fault is switched off and the file's are switched on; a file emptied or removed
 * lifts them all. A test or a person drives a running lab's faults by rewriting the file:
 *
 * <pre>
 * faults:                          # switched on at once, as a scenario's faults: section
 *   ex02: {unreachable: true}
 * moments:                         # switched on when a command reaches a moment (FaultMoment)
 *   - name: before create
 *     before: New-ExchangeCertificate   # or after: CMDLET_OR_PARAMETER
 *     on: ex01                          # the server running the command (default: any)
 *     faults: {this: {unreachable: true}}
 *     lose_response: false              # the command runs but its answer is lost
 *     hold: 30s                         # keep the command that long first (to kill the client meanwhile)
 *     delay: 10s                        # the command takes that much longer (to outlast the client's timeout)
 * </pre>
 *
 * A file that cannot be read or understood changes nothing; the error is reported.
 */
public final class FaultControlFile implements AutoCloseable {

    private static final Set<String> TOP = Set.of("faults", "moments");
    private static final Set<String> MOMENT = Set.of("name", "before", "after", "on", "faults", "lose_response", "hold", "delay");

    private final Path file;
    private final EmbeddedLab lab;
    private final Consumer<String> report;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-fault-control");
        t.setDaemon(true);
        return t;
    });
    private Object seen = "never read";

    /**
     * Applies the file now and then watches it.
     *
     * @param report where to say what was applied, what was wrong with the file, and each moment reached
     */
    public static FaultControlFile watch(Path file, EmbeddedLab lab, Consumer<String> report) {
        FaultControlFile control = new FaultControlFile(file, lab, report);
        lab.organisation().faultMoments().onFired(f -> report.accept("fault moment reached: " + f));
        control.poll();
        control.watcher.scheduleWithFixedDelay(control::poll, 200, 200, TimeUnit.MILLISECONDS);
        return control;
    }

    private FaultControlFile(Path file, EmbeddedLab lab, Consumer<String> report) {
        this.file = file;
        this.lab = lab;
        this.report = report;
    }

    private synchronized void poll() {
        Object stamp = stamp();
        if (Objects.equals(stamp, seen)) {
            return;
        }
        seen = stamp;
        try {
            JsonNode content = stamp == null ? null : read();
            apply(lab.organisation(), content);
            report.accept("faults from " + file + ": " + (content == null || content.isEmpty() ? "none" : content));
        } catch (IOException | RuntimeException e) {
            report.accept("faults from " + file + " not applied (the lab's faults are unchanged): " + e.getMessage());
        }
    }

    /** The file's modification time and size, or null when it does not exist. */
    private Object stamp() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return List.of(modified, Files.size(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private JsonNode read() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a map with faults: and moments:, found " + root.getNodeType());
        }
        unknownKeys(root, TOP, "the file");
        for (JsonNode m : root.path("moments")) {
            unknownKeys(m, MOMENT, "a moment");
        }
        return root;
    }

    /** Switches every fault off, then the file's on (validated first, so a bad file changes nothing). */
    static void apply(Organisation org, JsonNode content) {
        List<FaultMoment> moments = content == null ? List.of() : moments(content.path("moments"));
        JsonNode faults = content == null ? JsonNodeFactory.instance.objectNode() : content.path("faults");
        FaultSettings.check(faults);
        moments.forEach(m -> FaultSettings.check(m.faults()));
        org.faultMoments().disarm();
        org.servers().forEach(s -> s.faults().clear());
        FaultSettings.apply(org, faults, org.clock().instant(), null);
        moments.forEach(org.faultMoments()::arm);
    }

    private static List<FaultMoment> moments(JsonNode list) {
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("moments: is a list of moments, found " + list.getNodeType());
        }
        java.util.ArrayList<FaultMoment> out = new java.util.ArrayList<>();
        for (JsonNode m : list) {
            boolean before = m.hasNonNull("before");
            if (before == m.hasNonNull("after")) {
                throw new IllegalArgumentException("a moment has either before: or after: (a cmdlet or parameter), in " + m);
            }
            String word = (before ? m.get("before") : m.get("after")).asText();
            Duration hold = m.hasNonNull("hold") ? Scenario.duration(m.get("hold").asText(), "hold") : Duration.ZERO;
            Duration delay = m.hasNonNull("delay") ? Scenario.duration(m.get("delay").asText(), "delay") : Duration.ZERO;
            out.add(new FaultMoment(m.hasNonNull("name") ? m.get("name").asText() : null,
                    before ? FaultMoment.When.BEFORE : FaultMoment.When.AFTER, word,
                    m.hasNonNull("on") ? m.get("on").asText() : null, m.path("faults").isObject() ? m.get("faults") : null,
                    m.path("lose_response").asBoolean(false), hold, delay));
        }
        return out;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what + "; expected "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
