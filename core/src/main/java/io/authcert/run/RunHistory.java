package io.authcert.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the state directory remembers of past applies, for monitoring: the last run that executed steps
 * (its journal's {@code run_finished}) and the last apply however it ended ({@code last-apply.json}, written
 * by every apply, also when there was nothing to do, so a daily no-op run still shows it ran).
 */
public final class RunHistory {

    /** The file each apply writes into the state directory when it ends. */
    public static final String LAST_APPLY = "last-apply.json";

    /** The last run's ending: when, and its status ({@code succeeded}, {@code failed}, {@code aborted}, {@code stopped}). */
    public record LastRun(Instant at, String status) {
    }

    /** The last apply's ending: when, its status ({@code applied}, {@code held_back}, ...) and its exit code. */
    public record LastApply(Instant at, String status, int exitCode, List<String> inventories) {
        public LastApply {
            inventories = List.copyOf(inventories);
        }
    }

    private RunHistory() {
    }

    /** The newest journal under {@code stateDir/runs} that ends with {@code run_finished}; empty when none does. */
    public static Optional<LastRun> lastRun(Path stateDir) throws IOException {
        Path runs = stateDir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        List<Path> journals;
        try (Stream<Path> dirs = Files.list(runs)) {
            journals = dirs.map(d -> d.resolve("journal.jsonl")).filter(Files::isRegularFile)
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getParent().getFileName().toString()).reversed()).toList();
        }
        for (Path journal : journals) {
            Optional<LastRun> finished = finished(journal);
            if (finished.isPresent()) {
                return finished;
            }
        }
        return Optional.empty();
    }

    private static Optional<LastRun> finished(Path journal) throws IOException {
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode event;
            try {
                event = RunJson.mapper().readTree(lines.get(i));
            } catch (IOException e) {
                continue; // a line cut short by a crash
            }
            if ("run_finished".equals(event.path("event").asText())) {
                return Optional.of(new LastRun(instant(event.path("at")), event.path("status").asText()));
            }
        }
        return Optional.empty();
    }

    /** {@code stateDir/last-apply.json}, when an apply has written it. */
    public static Optional<LastApply> lastApply(Path stateDir) throws IOException {
        Path file = stateDir.resolve(LAST_APPLY);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = RunJson.mapper().readTree(file.toFile());
        List<String> inventories = new java.util.ArrayList<>();
        node.path("inventories").forEach(n -> inventories.add(n.asText()));
        return Optional.of(new LastApply(instant(node.path("finished_at")), node.path("status").asText(),
                node.path("exit_code").asInt(), inventories));
    }

    /** Writes {@code stateDir/last-apply.json} atomically (a monitor never reads half a file). */
    public static void writeLastApply(Path stateDir, LastApply last) throws IOException {
        Files.createDirectories(stateDir);
        ObjectNode node = RunJson.mapper().createObjectNode();
        node.put("finished_at", last.at().toString());
        node.put("status", last.status());
        node.put("exit_code", last.exitCode());
        node.set("inventories", RunJson.mapper().valueToTree(last.inventories()));
        Path tmp = Files.createTempFile(stateDir, ".last-apply", ".tmp");
        Files.writeString(tmp, RunJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        Files.move(tmp, stateDir.resolve(LAST_APPLY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Instant instant(JsonNode at) {
        if (at.isNumber()) {
            double seconds = at.asDouble();
            return Instant.ofEpochSecond((long) seconds, (long) ((seconds - Math.floor(seconds)) * 1e9));
        }
        return Instant.parse(at.asText());
    }
}
