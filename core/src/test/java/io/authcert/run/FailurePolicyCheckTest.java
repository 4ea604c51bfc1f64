package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Plan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailurePolicyCheckTest {

    private static final List<String> HOSTS = List.of("ex01", "ex02", "ex03", "ex04");

    @ParameterizedTest(name = "fatal={0} max={1} failed={2} -> proceed={3}")
    @CsvSource(nullValues = "-", value = {
        "false, -,  '',                    true",
        "false, -,  'ex01',                true",
        "false, -,  'ex01 ex02 ex03 ex04', false",
        "true,  -,  '',                    true",
        "true,  -,  'ex03',                false",
        "false, 25, 'ex01',                true",
        "false, 25, 'ex01 ex02',           false",
        "false, 0,  'ex04',                false",
        "false, 50, 'ex01 ex02',           true",
        "false, 50, 'elsewhere',           true",
    })
    void decidesAsAnsibleDoes(boolean fatal, Integer max, String failed, boolean proceed) {
        List<String> failedHosts = failed.isBlank() ? List.of() : List.of(failed.split(" "));

        FailurePolicyCheck.Verdict verdict = new FailurePolicyCheck(new Plan.FailurePolicy(fatal, max)).check(HOSTS, failedHosts);

        assertThat(verdict.proceed()).isEqualTo(proceed);
        assertThat(verdict.reason().isEmpty()).isEqualTo(proceed);
    }
}
