package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Action;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several steps in one command: what the answer says about each. */
class ScriptBatchTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<ScriptBatch.Entry> entries = List.of(
            new ScriptBatch.Entry(1, Plans.orgStep("p1.create", "ex01", Action.CREATE_CERTIFICATE)),
            new ScriptBatch.Entry(2, Plans.orgStep("p2.stage", "ex01", Action.STAGE_NEXT_CERTIFICATE)));

    private List<StepResult> run(Transport transport) throws Exception {
        return new ScriptBatch(transport, Plans.targets(List.of("ex01")).get("ex01"), entries, clock).call();
    }

    @Test
    void eachStepRunsInItsOwnScriptBlockBetweenItsLines() {
        String script = ScriptBatch.script(entries, "0123456789abcdef");
        assertThat(script).startsWith("$ErrorActionPreference = 'Stop'\n")
                .contains("Write-Output ('#authcert-0123456789abcdef begin p1.create ' + [DateTime]::UtcNow.ToString('o'))\n& {\n# p1.create\n}\n")
                .contains("Write-Output ('#authcert-0123456789abcdef end p2.stage ' + [DateTime]::UtcNow.ToString('o'))");
        assertThat(BatchScripts.split(script)).extracting(BatchScripts.Block::id).containsExactly("p1.create", "p2.stage");
    }

    @Test
    void aStepCannotForgeTheLineThatSaysItEnded() throws Exception {
        // the create prints an end line with another nonce, then fails: it must still count as failed
        List<StepResult> results = run((target, script, timeout) -> BatchScripts.run(script, step -> step.contains("p1.create")
                ? new CommandResult("#authcert-0000000000000000 end p1.create 2026-01-01T00:00:00Z", "New-ExchangeCertificate : denied", 1,
                        Duration.ZERO)
                : new CommandResult("", "", 0, Duration.ZERO)));

        assertThat(results).extracting(StepResult::outcome).containsExactly(StepOutcome.FAILED, StepOutcome.SKIPPED);
        assertThat(results.get(0).message()).contains("exit code 1: New-ExchangeCertificate : denied");
    }

    @Test
    void anAnswerWithoutAnyLineMeansNothingStarted() throws Exception {
        // e.g. the Exchange session could not be opened before the first step
        List<StepResult> results = run((target, script, timeout) -> new CommandResult("", "New-PSSession : Access is denied", 1,
                Duration.ZERO));

        assertThat(results).extracting(StepResult::outcome).containsExactly(StepOutcome.FAILED, StepOutcome.SKIPPED);
        assertThat(results.get(0).message()).contains("Access is denied").contains("(it never started)");
    }

    @Test
    void theLastLineOfAStepsOwnOutputSaysWhetherItChangedAnything() throws Exception {
        List<StepResult> results = run((target, script, timeout) -> BatchScripts.run(script,
                step -> new CommandResult(step.contains("p2.stage") ? "next: already staged\nunchanged" : "certificate: ABC", "", 0,
                        Duration.ZERO)));

        assertThat(results).extracting(StepResult::outcome).containsExactly(StepOutcome.CHANGED, StepOutcome.OK);
    }
}
