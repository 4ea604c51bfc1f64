package io.authcert.run;

import io.authcert.plan.Step;
import io.authcert.plan.StepScript;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one step's script on its host (create, import, stage, publish, restart, recycle, clear,
 * rebind, verify). Exit code 0 is success: {@link StepOutcome#CHANGED}, or {@link StepOutcome#OK}
 * when the script's last line is {@code unchanged} (an idempotent script that found nothing to do).
 */
final class ScriptStep {

    private final Transport transport;
    private final Target target;
    private final int phase;
    private final Step step;
    private final Clock clock;

    ScriptStep(Transport transport, Target target, int phase, Step step, Clock clock) {
        this.transport = transport;
        this.target = target;
        this.phase = phase;
        this.step = step;
        this.clock = clock;
    }

    /** @throws ResponseLostException when the command may or may not have run */
    StepResult call() throws ResponseLostException {
        Instant start = clock.instant();
        try {
            if (!step.script().sendable()) {
                return StepResult.of(phase, step, StepOutcome.FAILED, new StepScript.UnsendableScriptException().getMessage(),
                        start, Duration.ZERO);
            }
            CommandResult result = transport.run(target, step.script().sent(), step.timeout());
            Duration took = Duration.between(start, clock.instant());
            if (!result.succeeded()) {
                String hint = io.authcert.transport.ExchangeShells.explain(target, result.stderr()).map(h -> " (" + h + ")")
                        .orElse("");
                return StepResult.of(phase, step, StepOutcome.FAILED,
                        "exit code " + result.exitCode() + ": " + firstLine(result.stderr(), result.stdout()) + hint,
                        start, took);
            }
            boolean unchanged = ProbeAnswer.lastLine(result.stdout()).equalsIgnoreCase("unchanged");
            return StepResult.of(phase, step, unchanged ? StepOutcome.OK : StepOutcome.CHANGED,
                    unchanged ? "already as desired" : "done", start, took);
        } catch (TransportException e) {
            Duration took = Duration.between(start, clock.instant());
            if (e.kind() == TransportException.Kind.RESPONSE_LOST || e.kind() == TransportException.Kind.TIMED_OUT) {
                throw new ResponseLostException(step, e);
            }
            StepOutcome outcome = e.kind() == TransportException.Kind.UNREACHABLE ? StepOutcome.UNREACHABLE : StepOutcome.FAILED;
            return StepResult.of(phase, step, outcome, e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(),
                    start, took);
        }
    }

    /** The first non-blank line of the error output (else of the output), cut short: enough to act on. */
    static String firstLine(String... texts) {
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    String l = line.strip();
                    return l.length() > 300 ? l.substring(0, 300) + "…" : l;
                }
            }
        }
        return "no output";
    }
}
