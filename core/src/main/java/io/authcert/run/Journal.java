package io.authcert.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The run's journal: every event as one JSON line, written and flushed as it happens, so a run that
 * crashed can be explained afterwards. Only for explaining: the next run converges from the facts,
 * never from the journal. Holds no scripts and no secrets (events carry neither).
 */
public final class Journal implements RunListener, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;

    public Journal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    @Override
    public void on(RunEvent event) {
        try {
            out.write(RunJson.mapper().writeValueAsString(RunJson.event(event)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
