package io.authcert.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.facts.Facts;
import io.authcert.plan.Action;
import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import io.authcert.plan.StepScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan run on the twin is the plan as given: same phases in the same order, only thumbprints written as the twin's. */
class TwinPlanTest {

    private static final String REAL = "0ACA65106143CC7E426C30928ADBF876248D975A";
    private static final String TWIN = "7D47C0501B3C273D4725ECE5EB8E32E8302317E1";

    private static Step step(String id, String host, Action action, String script) {
        return new Step(id, host, false, "auth_certificate", action, "because " + REAL, StepScript.loaded(script), true,
                Duration.ofMinutes(5), Map.of("thumbprint", REAL), null);
    }

    private static Plan plan(String waitScript) {
        return new Plan(Plan.FORMAT_VERSION, "playbooks/auth-certificate.yml", Instant.parse("2026-11-26T04:00:00Z"), "sha256:x",
                List.of("ex01", "ex02"), null, List.of(
                        new Phase(1, "restart and recycle", List.of("1"),
                                List.of(step("p1.ex02.recycle", "ex02", Action.RECYCLE_APP_POOL, "Restart-WebAppPool -Name 'MSExchangeOWAAppPool'"))),
                        new Phase(2, "wait for certificate", List.of(),
                                List.of(step("p2.ex02.wait", "ex02", Action.WAIT_FOR_CERTIFICATE, waitScript)))),
                List.of(), List.of(), List.of());
    }

    private static ThumbprintMap map() {
        ThumbprintMap map = new ThumbprintMap();
        map.put(REAL, TWIN);
        return map;
    }

    @Test
    void phasesStepsAndOrderStayAsTheyAreEvenWhenTheOrderIsWrong() {
        Plan original = plan("$c = Get-ExchangeCertificate -Thumbprint '" + REAL + "'");
        Plan onTwin = TwinPlan.intoTwin(original, map());

        assertThat(onTwin.phases()).extracting(Phase::name).containsExactly("restart and recycle", "wait for certificate");
        assertThat(onTwin.phases()).extracting(Phase::serial).containsExactly(List.of("1"), List.of());
        assertThat(onTwin.steps()).extracting(Step::id).containsExactly("p1.ex02.recycle", "p2.ex02.wait");
        assertThat(onTwin.steps()).extracting(Step::host).containsExactly("ex02", "ex02");
        assertThat(onTwin.steps()).extracting(Step::timeout).containsOnly(Duration.ofMinutes(5));
    }

    @Test
    void thumbprintsInScriptsDetailsAndReasonsAreTheTwinsAndComeBack() {
        Plan original = plan("$c = Get-ExchangeCertificate -Thumbprint '" + REAL + "'");
        Plan onTwin = TwinPlan.intoTwin(original, map());

        Step wait = onTwin.steps().get(1);
        assertThat(wait.script().sent()).isEqualTo("$c = Get-ExchangeCertificate -Thumbprint '" + TWIN + "'");
        assertThat(wait.details()).containsEntry("thumbprint", TWIN);
        assertThat(wait.reason()).isEqualTo("because " + TWIN);
        assertThat(TwinPlan.intoReal(onTwin, map()).steps()).isEqualTo(original.steps());
    }

    @Test
    void aSavedPlanWithRedactedValuesIsRefusedBeforeAnyTwinIsBuilt() {
        Plan redacted = plan("$p = '********'");
        assertThatThrownBy(() -> new Rehearsal(null).run(redacted, new Facts(Map.of()), null, Duration.ofMinutes(5)))
                .isInstanceOf(RehearsalException.class).hasMessageContaining("redacted").hasMessageContaining("rehearse the playbook");
    }
}
