package io.authcert.lab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file the lab appends JSON lines to (its audit and request logs), flushed per line: tests and benchmarks
 * read it while the lab runs, and a lab is often killed rather than closed.
 */
public final class JsonLinesFile implements AutoCloseable {

    private final String what;
    private final BufferedWriter file;

    /** Appends to {@code path} (created, with its folder, when missing); {@code what} names it in errors. */
    public JsonLinesFile(Path path, String what) {
        this.what = what;
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    public synchronized void append(String jsonLine) {
        try {
            file.write(jsonLine);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            // closing at shutdown: nothing useful left to do with the error
        }
    }
}
