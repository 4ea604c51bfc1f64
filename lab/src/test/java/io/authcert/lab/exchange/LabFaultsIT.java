package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.PsSyntax;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.lab.testing.WithLab;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults switched on while the lab runs, as an independent client (pywinrm) meets them. */
@Requires(RequiredTool.PYWINRM)
@WithLab(scenario = "healthy", servers = 2)
class LabFaultsIT {

    private static final String READ = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String RESTART = "Restart-Service MSExchangeServiceHost\n";

    private PyWinRm winrm;

    @BeforeEach
    void open(EmbeddedLab lab) {
        winrm = PyWinRm.open();
        lab.hosts().forEach(h -> lab.faults(h).clear());
    }

    @AfterEach
    void close(EmbeddedLab lab) {
        winrm.close();
        lab.hosts().forEach(h -> lab.faults(h).clear());
    }

    @Test
    void wrongCredentialsAreRefusedWith401(EmbeddedLab lab) {
        PsSyntax.assertValid(READ, RESTART);
        lab.faults("ex01").rejectCredentials(true);
        assertThatThrownBy(() -> winrm.run(lab, "ex01", READ)).hasMessageContaining("InvalidCredentialsError");
        assertThat(winrm.run(lab, "ex02", READ).exitCode()).isZero();
        lab.faults("ex01").rejectCredentials(false);
        assertThat(winrm.run(lab, "ex01", READ).exitCode()).isZero();
    }

    @Test
    void a500FaultOnOneCmdletLeavesOtherCommandsAlone(EmbeddedLab lab) {
        lab.faults("ex01").fault500On("Get-AuthConfig");
        assertThatThrownBy(() -> winrm.run(lab, "ex01", READ)).hasMessageContaining("500");
        assertThat(winrm.run(lab, "ex01", "Get-Date\n").exitCode()).isZero();
    }

    @Test
    void aLostResponseHappensAfterTheCommandRan(EmbeddedLab lab) {
        int before = lab.organisation().services(lab.organisation().server("ex02").orElseThrow()).get(0).processId();
        lab.faults("ex02").loseResponses(1);
        assertThatThrownBy(() -> winrm.run(lab, "ex02", RESTART)).isInstanceOf(IllegalStateException.class);
        int after = lab.organisation().services(lab.organisation().server("ex02").orElseThrow()).get(0).processId();
        assertThat(after).as("the service was restarted although the client saw no answer").isNotEqualTo(before);
        assertThat(lab.audit().of("ex02")).last().satisfies(e -> {
            assertThat(e.script()).isEqualTo(RESTART);
            assertThat(e.delivery()).isEqualTo("LOSE_RESPONSE");
        });
    }

    @Test
    void aCmdletFailureAndLatencyAreInjectedPerServer(EmbeddedLab lab) {
        lab.faults("ex02").failCmdlet("Get-AuthConfig", "The Active Directory server dc01.contoso.local is unavailable.")
                .latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        PyWinRm.Result r = winrm.run(lab, "ex02", READ);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("dc01.contoso.local is unavailable");
    }
}
