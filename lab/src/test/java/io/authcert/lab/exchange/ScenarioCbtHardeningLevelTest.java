package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.wsman.WinRmPolicy;
import io.authcert.security.cbt.CbtHardeningLevel;
import org.junit.jupiter.api.Test;

/** {@code cbt_hardening_level} in a scenario's {@code winrm:} block, per lab and per server. */
class ScenarioCbtHardeningLevelTest {

    private static WinRmPolicy winrm(String block) {
        return Scenario.parse("cbt", "description: cbt\n" + block).winrm();
    }

    @Test
    void relaxedUnlessSaidOtherwiseAsOnWindows() {
        assertThat(winrm("").forServer("ex01").cbtHardeningLevel()).isEqualTo(CbtHardeningLevel.RELAXED);
        assertThat(winrm("winrm: {basic: false}\n").forServer("ex01").cbtHardeningLevel())
                .isEqualTo(CbtHardeningLevel.RELAXED);
    }

    @Test
    void aLabWideLevelAndAPerServerException() {
        WinRmPolicy p = winrm("winrm:\n  cbt_hardening_level: Strict\n  servers:\n    ex02: {cbt_hardening_level: none}\n");
        assertThat(p.forServer("ex01").cbtHardeningLevel()).isEqualTo(CbtHardeningLevel.STRICT);
        assertThat(p.forServer("ex02").cbtHardeningLevel()).isEqualTo(CbtHardeningLevel.NONE);
    }

    @Test
    void anUnknownLevelNamesTheScenarioTheKeyAndTheChoices() {
        assertThatThrownBy(() -> winrm("winrm:\n  servers:\n    ex02: {cbt_hardening_level: medium}\n"))
                .isInstanceOf(Scenario.ScenarioException.class)
                .hasMessageContaining("scenario cbt, winrm.servers.ex02")
                .hasMessageContaining("'medium'").hasMessageContaining("none, relaxed, strict");
    }
}
