package io.authcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.Play;
import io.authcert.playbook.Playbook;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.ServiceRestartSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A play becomes a request: its Auth-certificate task, the handlers it notifies, serial and failure policy. */
class PlanRequestTest {

    @Test
    void theShippedPlaybookAsksForTheRunbooksRestartsOneServerAtATime() {
        Playbook playbook = new PlaybookLoader().load(Path.of("playbooks/auth-certificate.yml"), Map.of());
        Play play = playbook.plays().get(0);
        PlanRequest r = PlanRequest.forPlay(playbook.file(), play, List.of("ex01"), Map.of(),
                FactsBuilder.healthy("ex01").build(), FactsBuilder.NOW);
        assertThat(r.certificate().renewBeforeDays()).isEqualTo(60);
        assertThat(r.serviceRestarts()).extracting(ServiceRestartSpec::name).containsExactly("MSExchangeServiceHost");
        assertThat(r.appPoolRecycles()).extracting(AppPoolRecycleSpec::name)
                .containsExactly("MSExchangeOWAAppPool", "MSExchangeECPAppPool");
        assertThat(r.serial().sizes()).containsExactly("1");
        assertThat(r.failurePolicy().maxFailPercentage()).isZero();
        assertThat(r.backendBinding()).isNull();
        assertThat(r.commandTimeout()).as("the engine's own limits").isNull();
    }

    @Test
    void aPlaysTimeoutBecomesTheRequestsCommandTimeout(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String shipped = java.nio.file.Files.readString(Path.of("playbooks/auth-certificate.yml"));
        Path copy = dir.resolve("p.yml");
        java.nio.file.Files.writeString(copy, shipped.replace("  serial: 1\n", "  serial: 1\n  timeout: 90\n"));
        Playbook playbook = new PlaybookLoader().load(copy, Map.of());
        PlanRequest r = PlanRequest.forPlay(playbook.file(), playbook.plays().get(0), List.of("ex01"), Map.of(),
                FactsBuilder.healthy("ex01").build(), FactsBuilder.NOW);
        assertThat(r.commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
    }
}
