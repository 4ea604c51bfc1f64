package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.SimClock;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.pwsh.PowerShellHost;
import io.authcert.testing.PsSyntaxCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A held probe in the lab's PowerShell: it looks again once a second and answers as soon as the probe says ready. */
class HeldProbeOnLabTest {

    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    /** Ready from {@code START + readyAfter} on the server's clock, pending before. */
    private static String probeReadyAfter(Duration readyAfter) {
        return "$ErrorActionPreference = 'Stop'\n"
                + "if ((Get-Date).ToUniversalTime() -ge ([datetime]'" + START.plus(readyAfter) + "').ToUniversalTime()) {"
                + " Write-Output 'ready' } else { Write-Output 'pending: not yet' }\n";
    }

    private static String run(SimClock clock, String script) {
        CommandOutcome o = new PowerShellHost(CmdletRegistry.withBuiltins(), Map.of("COMPUTERNAME", "EX01"), clock).runScript(script);
        assertThat(o.exitCode()).as(new String(o.stderr(), StandardCharsets.UTF_8)).isZero();
        return new String(o.stdout(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void itAnswersWithinASecondOfTheServerBecomingReady() {
        SimClock clock = new SimClock(START, 60); // a simulated minute per real second
        String answer = run(clock, HeldProbe.wrap(probeReadyAfter(Duration.ofSeconds(20)), Duration.ofSeconds(45)));

        assertThat(answer).isEqualTo("ready");
        assertThat(Duration.between(START, clock.instant())).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
    }

    @Test
    void itGivesUpAfterItsLooksWithTheLastPendingAnswer() {
        SimClock clock = new SimClock(START, 60);
        String answer = run(clock, HeldProbe.wrap(probeReadyAfter(Duration.ofHours(1)), Duration.ofSeconds(5)));

        assertThat(answer).isEqualTo("pending: not yet");
        assertThat(Duration.between(START, clock.instant())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void onAFrozenClockTheLooksStillEnd() {
        SimClock clock = SimClock.frozen(START);
        assertThat(run(clock, HeldProbe.wrap(probeReadyAfter(Duration.ofHours(1)), Duration.ofMinutes(10))))
                .isEqualTo("pending: not yet");
    }

    @Test
    void theHeldProbeIsPowerShell() {
        PsSyntaxCheck.assertValid("held probe", HeldProbe.wrap(probeReadyAfter(Duration.ofSeconds(1)), Duration.ofSeconds(15)));
        assertThat(HeldProbe.wrap("Write-Output 'ready'\n", Duration.ofMillis(900))).as("under a second: the probe alone")
                .isEqualTo("Write-Output 'ready'\n");
    }
}
