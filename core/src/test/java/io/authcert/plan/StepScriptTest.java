package io.authcert.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.powershell.PsScript;
import io.authcert.powershell.PsValue;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step's script: the secret only ever in what is sent, the redacted text only ever in what is shown. */
class StepScriptTest {

    private static final String SECRET = "pa55-w0rd-only-for-the-server";

    private static PsScript withSecret() {
        return PsScript.create().template("$password = ConvertTo-SecureString -String {} -AsPlainText -Force",
                PsValue.secret(Secret.of(SECRET)));
    }

    private static Plan planOf(StepScript script) {
        Step step = new Step("p1.ex01.import_certificate.x", "ex01", false, "certificate/x", Action.IMPORT_CERTIFICATE,
                "test", script, true, Duration.ofMinutes(1));
        return new Plan(Plan.FORMAT_VERSION, "p.yml", Instant.parse("2026-01-01T00:00:00Z"), "fp", List.of("ex01"), null,
                List.of(new Phase(1, "import certificate", List.of(), List.of(step))), null, null, null);
    }

    @Test
    void aPlannedScriptSendsTheSecretAndShowsOnlyTheMarker() {
        StepScript script = StepScript.of(withSecret());

        assertThat(script.sent()).contains(SECRET).doesNotContain(PsScript.REDACTED);
        assertThat(script.shown()).contains(PsScript.REDACTED).doesNotContain(SECRET);
        assertThat(script.toString()).doesNotContain(SECRET);
    }

    @Test
    void noRenderingOfAPlanShowsTheSecret() {
        Plan plan = planOf(StepScript.of(withSecret()));

        assertThat(PlanJson.write(plan)).contains(PsScript.REDACTED).doesNotContain(SECRET);
        assertThat(new PlanTextRenderer().render(plan)).doesNotContain(SECRET);
        assertThat(new PlanMarkdownRenderer().render(plan)).doesNotContain(SECRET);
        assertThat(plan.toString()).doesNotContain(SECRET);
    }

    @Test
    void aSavedPlanWithRedactedValuesCannotSendThemItIsRefusedWithAReason() {
        Plan read = PlanJson.read(PlanJson.write(planOf(StepScript.of(withSecret()))), "plan.json");
        StepScript loaded = read.steps().get(0).script();

        assertThat(loaded.sendable()).isFalse();
        assertThatThrownBy(loaded::sent).isInstanceOf(StepScript.UnsendableScriptException.class)
                .hasMessageContaining("redacted").hasMessageContaining("apply the playbook instead");
    }

    @Test
    void aSavedPlanWithoutSecretsSendsExactlyWhatWasPlanned() {
        PsScript plain = PsScript.create().template("Restart-Service -Name {}", PsValue.name(ExchangeNames.SERVICE_HOST));
        Plan planned = planOf(StepScript.of(plain));

        StepScript loaded = PlanJson.read(PlanJson.write(planned), "plan.json").steps().get(0).script();

        assertThat(loaded.sendable()).isTrue();
        assertThat(loaded.sent()).isEqualTo(plain.render());
        assertThat(loaded).isEqualTo(planned.steps().get(0).script());
    }

    @Test
    void aNudgeIsRefusedOnAStepThatIsNoWait() {
        Nudge nudge = new Nudge(ExchangeNames.SERVICE_HOST, List.of("ex01"), Duration.ofMinutes(5));
        assertThatThrownBy(() -> new Step("s", "ex01", false, "service/x", Action.RESTART_SERVICE, "", StepScript.none(),
                true, null, null, nudge)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a wait step");
    }
}
