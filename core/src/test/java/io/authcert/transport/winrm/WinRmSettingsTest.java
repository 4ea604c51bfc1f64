package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import com.xebialabs.overthere.winrm.WinRmShellSession;
import io.authcert.transport.Target;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a target's variables become the settings of Overthere's WinRM client. */
class WinRmSettingsTest {

    private static Target target(Map<String, Object> extra) {
        Map<String, Object> v = new java.util.HashMap<>(Map.of("ansible_user", "svc@contoso.com",
                "ansible_password", Secret.of("pw"), "ansible_winrm_transport", "kerberos"));
        v.putAll(extra);
        return new TargetResolver().resolve("ex01.contoso.com", v);
    }

    @Test
    void kerberosRealmIsUpperCasedAndTimeoutsComeFromTheInventory() throws Exception {
        Target t = target(Map.of("ansible_winrm_operation_timeout_sec", 45, "ansible_winrm_read_timeout_sec", 60));
        WinRmShellSession.Settings s = WinRmTransport.settings(t, t.operationTimeout());
        assertThat(s.user()).isEqualTo("svc@CONTOSO.COM");
        assertThat(s.operationTimeout()).isEqualTo("PT45.000S");
        assertThat(s.socketTimeoutMillis()).isEqualTo(60_000);
        assertThat(s.connectTimeoutMillis()).isEqualTo(30_000);
        assertThat(s.url().toString()).isEqualTo("https://ex01.contoso.com:5986/wsman");
        assertThat(s.validateCertificate()).isTrue();
        assertThat(s.toString()).doesNotContain("pw");
    }

    @Test
    void theSocketAlwaysOutlastsAReceiveHeldForTheOperationTimeout() throws Exception {
        Target t = target(Map.of());
        WinRmShellSession.Settings s = WinRmTransport.settings(t, Duration.ofSeconds(28));
        assertThat(s.socketTimeoutMillis()).isEqualTo(33_000);
    }

    @Test
    void operationTimeoutsAreIsoDurations() {
        assertThat(WinRmTransport.isoSeconds(Duration.ofMillis(1500))).isEqualTo("PT1.500S");
        assertThat(WinRmTransport.isoSeconds(Duration.ofMillis(10))).isEqualTo("PT1.000S");
    }
}
