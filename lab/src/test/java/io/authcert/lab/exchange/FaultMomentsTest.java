package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fault switched on at a moment: what the command that reaches it suffers, and what comes after. */
class FaultMomentsTest {

    private static final String RESTART = "Restart-Service -Name 'MSExchangeServiceHost'\n";

    private final Organisation org = Scenario.load("healthy").build(2, SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z")));
    private final AuditLog audit = new AuditLog();
    private final ExchangeHost ex01 = host("ex01");
    private final ExchangeHost ex02 = host("ex02");

    private ExchangeHost host(String name) {
        return new ExchangeHost(org, org.server(name).orElseThrow(), ExchangeCmdlets.registryFor(org), audit);
    }

    /** As the engine sends a script: {@code powershell -Command -} with the script on stdin. */
    private static CommandOutcome send(ExchangeHost host, String script) {
        return host.execute(null, "powershell.exe", List.of("-NoProfile", "-Command", "-"),
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    }

    private int serviceHostPid(String server) {
        return org.service(org.server(server).orElseThrow(), "MSExchangeServiceHost").orElseThrow().processId();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aServerThatGoesAwayBeforeTheCommandNeverRunsIt() throws Exception {
        org.faultMoments().arm(FaultMoment.before("Restart-Service").on("ex01").switching("this", json("{\"unreachable\": true}")));
        int pid = serviceHostPid("ex01");

        CommandOutcome outcome = send(ex01, RESTART);

        assertThat(outcome.disposition()).isEqualTo(CommandOutcome.Disposition.LOSE_RESPONSE);
        assertThat(serviceHostPid("ex01")).as("not restarted").isEqualTo(pid);
        assertThat(audit.entries()).singleElement().satisfies(e -> assertThat(e.delivery()).isEqualTo(ExchangeHost.NOT_RUN));
        assertThat(org.server("ex01").orElseThrow().faults().unreachable()).isTrue();
        assertThat(org.server("ex02").orElseThrow().faults().unreachable()).isFalse();
        assertThat(org.faultMoments().fired()).singleElement().satisfies(f -> {
            assertThat(f.server()).isEqualTo("ex01");
            assertThat(f.moment().label()).isEqualTo("before Restart-Service");
        });
    }

    @Test
    void aLostAnswerAfterTheCommandMeansItRanAndTheMomentFiresOnce() {
        org.faultMoments().arm(FaultMoment.after("Restart-Service").losingResponse());
        int pid = serviceHostPid("ex02");

        CommandOutcome lost = send(ex02, RESTART);
        CommandOutcome next = send(ex02, RESTART);

        assertThat(lost.disposition()).isEqualTo(CommandOutcome.Disposition.LOSE_RESPONSE);
        assertThat(lost.exitCode()).as("it ran to its end").isZero();
        assertThat(serviceHostPid("ex02")).isNotEqualTo(pid);
        assertThat(next.disposition()).as("only the first command reaches the moment").isEqualTo(CommandOutcome.Disposition.DELIVER);
        assertThat(org.faultMoments().fired()).hasSize(1);
    }

    @Test
    void aMomentOnOneServerIgnoresTheOthersAndOthersSelectsTheRest() throws Exception {
        org.faultMoments().arm(FaultMoment.before("Restart-Service").on("ex02")
                .switching("others", json("{\"replication_stalled\": true}")));

        assertThat(send(ex01, RESTART).disposition()).isEqualTo(CommandOutcome.Disposition.DELIVER);
        assertThat(org.faultMoments().fired()).isEmpty();
        assertThat(send(ex02, RESTART).disposition()).isEqualTo(CommandOutcome.Disposition.DELIVER);

        assertThat(org.server("ex01").orElseThrow().faults().replicationStalledSince()).isNotNull();
        assertThat(org.server("ex02").orElseThrow().faults().replicationStalledSince()).isNull();
    }

    @Test
    void aHeldCommandIsReleasedWhenTheFaultsAreLiftedAndNeverRuns() throws Exception {
        org.faultMoments().arm(FaultMoment.before("Restart-Service").holding(Duration.ofMinutes(10)));
        int pid = serviceHostPid("ex01");
        CompletableFuture<CommandOutcome> held = CompletableFuture.supplyAsync(() -> send(ex01, RESTART));
        while (org.faultMoments().fired().isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(held).isNotDone();

        org.faultMoments().disarm();

        // a hang guard, not a timing assertion: released, the command returns at once
        assertThat(held.get(30, TimeUnit.SECONDS).disposition()).isEqualTo(CommandOutcome.Disposition.LOSE_RESPONSE);
        assertThat(serviceHostPid("ex01")).isEqualTo(pid);
    }

    @Test
    void aDelayMakesTheCommandLateButItRuns() {
        org.faultMoments().arm(FaultMoment.before("Restart-Service").delaying(Duration.ofMillis(50)));
        int pid = serviceHostPid("ex01");

        CommandOutcome late = send(ex01, RESTART);

        assertThat(late.disposition()).isEqualTo(CommandOutcome.Disposition.DELIVER);
        assertThat(serviceHostPid("ex01")).isNotEqualTo(pid);
    }
}
