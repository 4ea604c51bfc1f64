package io.authcert.run;

import static io.authcert.run.Plans.phase;
import static io.authcert.run.Plans.plan;
import static io.authcert.run.Plans.step;
import static io.authcert.run.Plans.waitStep;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyCheckTest {

    @Test
    void anEmptyPlanHasConverged() {
        VerifyCheck.Verdict v = VerifyCheck.check(plan(List.of("ex01"), null));
        assertThat(v.converged()).isTrue();
        assertThat(v.later()).isEmpty();
    }

    @Test
    void waitsAStagedRotationLeavesAreNamedForLaterAndStillConverged() {
        VerifyCheck.Verdict v = VerifyCheck.check(plan(List.of("ex01"), null,
                phase(1, waitStep("w", "ex03", Action.WAIT_FOR_CERTIFICATE, Duration.ofHours(1)))));
        assertThat(v.converged()).isTrue();
        assertThat(v.later()).singleElement().satisfies(l -> assertThat(l).startsWith("left for later (staged rotation or replication in progress): wait_for_certificate on ex03"));
    }

    @Test
    void waitsBesideOtherWorkAreNotLeftForLater() {
        VerifyCheck.Verdict v = VerifyCheck.check(plan(List.of("ex01"), null,
                phase(1, waitStep("w", "ex03", Action.WAIT_FOR_CERTIFICATE, Duration.ofHours(1))),
                phase(2, step("r", "ex03", Action.RESTART_SERVICE))));
        assertThat(v.converged()).isFalse();
        assertThat(v.later()).isEmpty();
        assertThat(v.remaining()).hasSize(2);
    }

    @Test
    void anyOtherStepLeftMeansTheApplyDidNotConverge() {
        VerifyCheck.Verdict v = VerifyCheck.check(plan(List.of("ex01"), null, phase(1, step("r", "ex02", Action.RECYCLE_APP_POOL))));
        assertThat(v.converged()).isFalse();
        assertThat(v.remaining()).containsExactly("recycle_app_pool on ex02: test");
    }

    @Test
    void aPlanThatHoldsSomethingBackNeedsAPersonHoweverEmpty() {
        io.authcert.plan.Plan held = new io.authcert.plan.Plan(io.authcert.plan.Plan.FORMAT_VERSION, "p.yml", null, "fp",
                List.of("ex01"), null, List.of(), null, null, null, null, List.of(new io.authcert.plan.Hold("contoso", "ex01",
                        List.of(Action.CLEAR_PREVIOUS_CERTIFICATE), "EX09 is outside this plan")));

        VerifyCheck.Verdict v = VerifyCheck.check(held);

        assertThat(v.converged()).isFalse();
        assertThat(v.needsHuman()).isTrue();
        assertThat(v.held()).containsExactly(
                "clear_previous_certificate on ex01: EX09 is outside this plan");
    }

    @Test
    void workLeftBesideAHoldIsNotConvergedAndNotOnlyForAPerson() {
        io.authcert.plan.Plan plan = plan(List.of("ex01"), null, phase(1, step("r", "ex02", Action.RECYCLE_APP_POOL)));
        io.authcert.plan.Plan held = new io.authcert.plan.Plan(plan.formatVersion(), plan.playbook(), plan.plannedAt(),
                plan.factsFingerprint(), plan.hosts(), null, plan.phases(), null, null, null, null,
                List.of(new io.authcert.plan.Hold("contoso", "ex01", List.of(), "EX09 is outside this plan")));

        VerifyCheck.Verdict v = VerifyCheck.check(held);

        assertThat(v.converged()).isFalse();
        assertThat(v.needsHuman()).isFalse();
        assertThat(v.remaining()).hasSize(1);
    }
}
