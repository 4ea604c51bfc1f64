package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.transport.Target;
import io.authcert.transport.winrm.http.HttpEndpoint;
import io.authcert.transport.winrm.http.KerberosAuthenticator;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.kerberos.KerberosUser;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a target's variables become the endpoint and authentication of the WinRM client. */
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
        HttpEndpoint e = WinRmTransport.endpoint(t, t.operationTimeout());
        assertThat(KerberosUser.principalOf(t.user())).isEqualTo("svc@CONTOSO.COM");
        assertThat(t.kerberosService()).isEqualTo("HTTP@ex01.contoso.com");
        assertThat(new Authenticators(new KerberosLogins(Map.of())).forConnection(t))
                .as("nothing logs on before a connection asks").isInstanceOf(KerberosAuthenticator.class);
        assertThat(e.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.url()).isEqualTo("https://ex01.contoso.com:5986/wsman");
        assertThat(e.tls()).isNotNull();
        assertThat(e.verifyHostName()).isTrue();
        assertThat(e.toString()).doesNotContain("pw");
    }

    @Test
    void theSocketAlwaysOutlastsAReceiveHeldForTheOperationTimeout() throws Exception {
        Target t = target(Map.of());
        assertThat(WinRmTransport.endpoint(t, Duration.ofSeconds(28)).readTimeout()).isEqualTo(Duration.ofSeconds(33));
    }

    @Test
    void ignoringValidationSkipsTheNameCheck() throws Exception {
        Target t = target(Map.of("ansible_winrm_server_cert_validation", "ignore"));
        HttpEndpoint e = WinRmTransport.endpoint(t, t.operationTimeout());
        assertThat(e.tls()).isNotNull();
        assertThat(e.verifyHostName()).isFalse();
    }
}
