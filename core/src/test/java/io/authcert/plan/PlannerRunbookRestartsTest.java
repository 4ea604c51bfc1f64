package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.Serial;
import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.ServiceRestartSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan made with handlers that leave out the runbook's recycles says so in its warnings (the plan under review shows it). */
class PlannerRunbookRestartsTest {

    private static Plan expiredWith(List<ServiceRestartSpec> services, List<AppPoolRecycleSpec> pools) {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(tp("OLD"), NOW.minus(Duration.ofDays(1900)), NOW.minus(Duration.ofDays(1)))
                .auth(tp("OLD"), null, null, null);
        return new Planner().plan(new PlanRequest("p.yml", b.names(), new Serial(List.of("1")), Plan.FailurePolicy.DEFAULT,
                spec(), null, services, pools, b.build(), Map.of(), NOW));
    }

    @Test
    void aServiceRestartAloneLeavesOwaAtFiveHundredAndThePlanSaysSo() {
        Plan plan = expiredWith(List.of(new ServiceRestartSpec(ExchangeNames.SERVICE_HOST)), List.of());

        assertThat(plan.steps()).noneMatch(s -> s.action() == Action.RECYCLE_APP_POOL);
        assertThat(plan.warnings()).anyMatch(w -> w.contains("no handler recycles MSExchangeOWAAppPool"))
                .anyMatch(w -> w.contains("no handler recycles MSExchangeECPAppPool"));
    }

    @Test
    void theRunbooksRestartsGiveNoSuchWarning() {
        Plan plan = expiredWith(PlanRequest.DEFAULT_SERVICES, PlanRequest.DEFAULT_APP_POOLS);

        assertThat(plan.warnings()).noneMatch(w -> w.contains("runbook"));
    }
}
