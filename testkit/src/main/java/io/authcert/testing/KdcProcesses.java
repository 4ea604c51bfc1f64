package io.authcert.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the MIT tools with the fixture's environment only, so a test never reads the machine's Kerberos setup. */
final class KdcProcesses {
    private final Map<String, String> env;
    private final Path dir;

    KdcProcesses(Map<String, String> env, Path dir) {
        this.env = env;
        this.dir = dir;
    }

    /** The tool's path: MIT puts the KDC's tools in /usr/sbin, often off an unprivileged PATH. */
    static String tool(String name) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return name;
    }

    ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to the end with the given standard input and returns its output; fails on a nonzero exit. */
    String run(String stdin, String... command) throws IOException {
        Process p = builder(List.of(command)).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
