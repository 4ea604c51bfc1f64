package io.authcert.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that prints a secret (a vault password script, an inventory's
 * {@code authcert_password_command}): no shell, stdin and stderr left to the person at the terminal (so a
 * script may ask them something), stdout read as the secret with its line ends trimmed, as Ansible trims
 * a password script's output. Gives up after a timeout. Its failures never quote the output.
 */
public final class SecretCommand {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Duration timeout;

    public SecretCommand(Duration timeout) {
        this.timeout = timeout;
    }

    public static SecretCommand withDefaultTimeout() {
        return new SecretCommand(DEFAULT_TIMEOUT);
    }

    /** The program could not run, failed, timed out or printed nothing; the message says which. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code argv} and returns what it printed.
     *
     * @throws Failed when it cannot start, exits non-zero, runs longer than the timeout or prints nothing
     */
    public Secret run(List<String> argv) {
        return run(argv, argv.get(0));
    }

    /**
     * As {@link #run(List)}, named {@code shownAs} in failures: the program alone, since its arguments may
     * carry something private (a token, a path) and a shell's name says nothing.
     */
    public Secret run(List<String> argv, String shownAs) {
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new Failed("cannot run " + shownAs + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new Failed(shownAs + " did not finish within " + timeout.toSeconds() + " s");
            }
            byte[] out = stdout.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new Failed(shownAs + " exited with status " + process.exitValue());
            }
            String secret = stripLineEnds(new String(out, StandardCharsets.UTF_8));
            if (secret.isEmpty()) {
                throw new Failed(shownAs + " printed nothing on standard output");
            }
            return Secret.of(secret);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new Failed("interrupted while running " + shownAs);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new Failed("cannot read the output of " + shownAs);
        }
    }

    /** Ansible's {@code strip(b'\r\n')}: line ends on both sides, other whitespace kept. */
    static String stripLineEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\r' || s.charAt(start) == '\n')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
