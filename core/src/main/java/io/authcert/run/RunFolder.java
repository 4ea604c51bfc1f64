package io.authcert.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The folder of one apply, {@code <state>/runs/<UTC timestamp>/}, holding its journal. */
public record RunFolder(Path dir) {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Creates a new, unique run folder under {@code stateDir/runs}. */
    public static RunFolder create(Path stateDir, Clock clock) throws IOException {
        Path runs = stateDir.resolve("runs");
        Files.createDirectories(runs);
        String base = NAME.format(clock.instant());
        for (int n = 0; ; n++) {
            Path dir = runs.resolve(n == 0 ? base : base + "-" + n);
            try {
                return new RunFolder(Files.createDirectory(dir));
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second: take the next name
            }
        }
    }

    public Path journal() {
        return dir.resolve("journal.jsonl");
    }
}
