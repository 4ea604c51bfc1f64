package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Action;
import io.authcert.run.RunEvent;
import io.authcert.run.RunResult;
import io.authcert.run.StepOutcome;
import io.authcert.run.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static void play(ProgressPrinter printer) {
        printer.on(new RunEvent.RunStarted(T, "auth.yml", List.of("ex01", "ex02"), 1, 2, List.of()));
        printer.on(new RunEvent.PhaseStarted(T, 1, "wait for certificate", List.of("ex01", "ex02"),
                List.of(List.of("ex01", "ex02")), Map.of("ex01", 1, "ex02", 1)));
        printer.on(new RunEvent.StepStarted(T, 1, "w.ex01", "ex01", Action.WAIT_FOR_CERTIFICATE, false));
        printer.on(new RunEvent.StepStarted(T, 1, "w.ex02", "ex02", Action.WAIT_FOR_CERTIFICATE, false));
        printer.on(new RunEvent.StepFinished(T.plusSeconds(1), new StepResult("w.ex01", 1, "ex01", Action.WAIT_FOR_CERTIFICATE,
                "r", false, StepOutcome.OK, "ready after 0s", T, Duration.ZERO)));
        for (int i = 0; i < 3; i++) {
            printer.on(new RunEvent.WaitingForHosts(T.plusSeconds(10L * i), 1, Action.WAIT_FOR_CERTIFICATE, List.of("ex01"),
                    Map.of("ex02", "certificate 1A2B is not in the store of ex02"), Duration.ofSeconds(10L * i), Duration.ofMinutes(5)));
        }
        printer.on(new RunEvent.StepFinished(T.plusSeconds(40), new StepResult("w.ex02", 1, "ex02", Action.WAIT_FOR_CERTIFICATE,
                "r", false, StepOutcome.OK, "ready after 40s", T, Duration.ofSeconds(40))));
        printer.on(new RunEvent.PhaseFinished(T.plusSeconds(40), 1, "wait for certificate", 2, 2, List.of()));
        printer.on(new RunEvent.RunFinished(T.plusSeconds(41), RunResult.Status.SUCCEEDED, List.of(), "", Duration.ofSeconds(41)));
    }

    @Test
    void elsewhereThanOnATerminalItWritesPlainTimestampedLinesAndAWaitLineOnlyWhenItChanges() {
        StringWriter out = new StringWriter();
        play(new ProgressPrinter(Terminal.plain(new PrintWriter(out), new PrintWriter(new StringWriter()))));

        String text = out.toString();
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(text.lines()).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d .*"));
        assertThat(text.lines().filter(l -> l.contains("waiting"))).singleElement()
                .satisfies(l -> assertThat(l).contains("ex02 (certificate 1A2B is not in the store of ex02)"));
        assertThat(text).contains("10:00:00 phase 1/1 wait for certificate: ex01, ex02", "done: 2/2 hosts", "apply succeeded");
    }

    @Test
    void onATerminalItRedrawsOneLinePerPhaseWithHostsDoneAndWhoIsAwaited() {
        StringWriter out = new StringWriter();
        play(new ProgressPrinter(new Terminal(new PrintWriter(out), new PrintWriter(new StringWriter()), true, false)));

        String text = out.toString();
        assertThat(text).contains("\r\u001b[2K[1/1] wait for certificate  1/2 hosts done  waiting for ex02");
        assertThat(text).contains("\r\u001b[2K[1/1] wait for certificate  2/2 hosts done\n");
        // one line per phase on screen: only the header, the phase line and the verdict end with a newline
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(3);
    }
}
