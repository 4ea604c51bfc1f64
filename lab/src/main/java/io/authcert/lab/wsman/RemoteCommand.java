package io.authcert.lab.wsman;

import io.authcert.lab.CommandOutcome;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command started in a shell: its standard input, its running outcome, and how much of its
 * output has been delivered to Receive requests so far.
 */
final class RemoteCommand {

    /** Exit code Windows reports for a process ended by a terminate signal (STATUS_CONTROL_C_EXIT). */
    static final int TERMINATED_EXIT_CODE = 0xC000013A;

    private final String id;
    private final StdinPipe stdin = new StdinPipe();
    private final CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
    private int stdoutDelivered;
    private int stderrDelivered;

    RemoteCommand(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    StdinPipe stdin() {
        return stdin;
    }

    void complete(CommandOutcome result) {
        outcome.complete(result);
    }

    void fail(Throwable error) {
        outcome.completeExceptionally(error);
    }

    /** Ends stdin and, if the command has not finished, reports it as terminated. */
    void terminate() {
        stdin.end();
        outcome.complete(new CommandOutcome(new byte[0], new byte[0], TERMINATED_EXIT_CODE,
                CommandOutcome.Disposition.DELIVER));
    }

    /**
     * Waits up to {@code timeout} for the outcome; null if the command is still running then.
     *
     * @throws ExecutionException when the simulated host threw
     */
    CommandOutcome await(Duration timeout) throws ExecutionException, InterruptedException {
        try {
            return outcome.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** The next slice of output, at most {@code maxBytes} raw bytes over both streams. */
    synchronized Chunk nextChunk(CommandOutcome result, int maxBytes) {
        byte[] out = result.stdout() == null ? new byte[0] : result.stdout();
        byte[] err = result.stderr() == null ? new byte[0] : result.stderr();
        int outN = Math.min(out.length - stdoutDelivered, maxBytes);
        int errN = Math.min(err.length - stderrDelivered, maxBytes - outN);
        Base64.Encoder b64 = Base64.getEncoder();
        String outB64 = b64.encodeToString(java.util.Arrays.copyOfRange(out, stdoutDelivered, stdoutDelivered + outN));
        String errB64 = b64.encodeToString(java.util.Arrays.copyOfRange(err, stderrDelivered, stderrDelivered + errN));
        stdoutDelivered += outN;
        stderrDelivered += errN;
        boolean done = stdoutDelivered == out.length && stderrDelivered == err.length;
        return new Chunk(outB64, errB64, done);
    }

    record Chunk(String stdoutBase64, String stderrBase64, boolean done) {
    }
}
