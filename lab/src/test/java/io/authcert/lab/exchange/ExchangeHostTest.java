package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeHostTest {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");

    private final Organisation org = Scenario.load("healthy").build(2, SimClock.frozen(START));

    private static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void a500FaultOnACmdletAnswersWithoutRunningAndIsAudited() {
        AuditLog audit = new AuditLog();
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        ExchangeHost host = new ExchangeHost(org, ex01, ExchangeCmdlets.registryFor(org), audit);
        ex01.faults().fault500On("Get-AuthConfig");

        CommandOutcome out = host.execute("powershell.exe", List.of("-NoProfile", "-EncodedCommand",
                encoded("Get-AuthConfig | ConvertTo-Json")), new ByteArrayInputStream(new byte[0]));

        assertThat(out.disposition()).isEqualTo(CommandOutcome.Disposition.FAULT_500);
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.server()).isEqualTo("ex01");
            assertThat(e.script()).isEqualTo("Get-AuthConfig | ConvertTo-Json");
            assertThat(e.delivery()).isEqualTo("FAULT_500");
            assertThat(e.time()).isEqualTo(START);
        });
    }

    @Test
    void aLostResponseStillRunsTheCommandAndCountsDown() {
        AuditLog audit = new AuditLog();
        ExchangeServer ex02 = org.server("ex02").orElseThrow();
        ExchangeHost host = new ExchangeHost(org, ex02, ExchangeCmdlets.registryFor(org), audit);
        ex02.faults().loseResponses(1);

        CommandOutcome first = host.execute("powershell -Command -", List.of(),
                new ByteArrayInputStream("Write-Output 1".getBytes(StandardCharsets.UTF_8)));
        CommandOutcome second = host.execute("powershell -Command -", List.of(),
                new ByteArrayInputStream("Write-Output 2".getBytes(StandardCharsets.UTF_8)));

        assertThat(first.disposition()).isEqualTo(CommandOutcome.Disposition.LOSE_RESPONSE);
        assertThat(second.disposition()).isEqualTo(CommandOutcome.Disposition.DELIVER);
        assertThat(audit.of("ex02")).extracting(AuditLog.Entry::script).containsExactly("Write-Output 1", "Write-Output 2");
        assertThat(audit.of("ex02")).extracting(AuditLog.Entry::delivery).containsExactly("LOSE_RESPONSE", "DELIVER");
    }

    @Test
    void aLostResponseOnACmdletHitsOnlyTheFirstCommandUsingIt() {
        AuditLog audit = new AuditLog();
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        ExchangeHost host = new ExchangeHost(org, ex01, ExchangeCmdlets.registryFor(org), audit);
        ex01.faults().loseResponseOn("Get-AuthConfig");

        List<CommandOutcome> outcomes = List.of("Get-AuthConfigX; Write-Output 0", "Write-Output 1",
                "Get-AuthConfig | Out-Null; Write-Output 2", "Get-AuthConfig | Out-Null; Write-Output 3").stream()
                .map(script -> host.execute("powershell -Command -", List.of(),
                        new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))))
                .toList();

        assertThat(outcomes).extracting(CommandOutcome::disposition).containsExactly(CommandOutcome.Disposition.DELIVER,
                CommandOutcome.Disposition.DELIVER, CommandOutcome.Disposition.LOSE_RESPONSE, CommandOutcome.Disposition.DELIVER);
        assertThat(audit.of("ex01")).extracting(AuditLog.Entry::delivery)
                .containsExactly("DELIVER", "DELIVER", "LOSE_RESPONSE", "DELIVER");
        assertThat(new String(outcomes.get(2).stdout(), StandardCharsets.UTF_8)).as("it ran").contains("2");
        assertThat(ex01.faults().loseResponseCmdlets()).isEmpty();
    }

    @Test
    void theAuditLogFileHoldsOneJsonObjectPerLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog audit = new AuditLog(file)) {
            audit.record(START, "ex01", "Get-AuthConfig\n'quote\"'", 0, "DELIVER");
            audit.record(START.plusSeconds(1), "ex02", "Restart-Service MSExchangeServiceHost", 1, "DELIVER");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"seq\":1,\"time\":\"2026-11-26T04:00:00Z\",\"server\":\"ex01\","
                + "\"script\":\"Get-AuthConfig\\n'quote\\\"'\",\"exit_code\":0,\"delivery\":\"DELIVER\"}");
        assertThat(lines.get(1)).contains("\"server\":\"ex02\"").contains("\"exit_code\":1");
    }

    @Test
    void healthOfAnEdgeServerIsNotServed() {
        Organisation edge = Scenario.load("with-edge").build(2, SimClock.frozen(START));
        ExchangeHost host = new ExchangeHost(edge, edge.server("ex02").orElseThrow(), ExchangeCmdlets.registryFor(edge),
                new AuditLog());
        assertThat(host.health("/owa/healthcheck.htm")).isNull();
    }

    @Test
    void theScriptIsReadFromEveryCommandLineForm() {
        assertThat(CommandLineScript.parse("powershell", List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-EncodedCommand", encoded("Get-Date"))).text()).isEqualTo("Get-Date");
        assertThat(CommandLineScript.parse("powershell -encodedcommand " + encoded("Get-Service"), List.of()).text())
                .isEqualTo("Get-Service");
        assertThat(CommandLineScript.parse("powershell.exe -Command -", List.of()).source())
                .isEqualTo(CommandLineScript.Source.STDIN);
        assertThat(CommandLineScript.parse("powershell", List.of("-Command", "Get-AuthConfig")).text())
                .isEqualTo("Get-AuthConfig");
    }
}
