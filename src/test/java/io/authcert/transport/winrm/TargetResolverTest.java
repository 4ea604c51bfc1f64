package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.transport.Target;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {

    private final TargetResolver resolver = new TargetResolver();

    private static Map<String, Object> base() {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_user", "administrator");
        v.put("ansible_password", Secret.of("pw"));
        return v;
    }

    @Test
    void defaultsFollowAnsible() {
        Target t = resolver.resolve("ex01.contoso.com", base());
        assertThat(t.connection()).isEqualTo(Target.Connection.WINRM);
        assertThat(t.address()).isEqualTo("ex01.contoso.com");
        assertThat(t.scheme()).isEqualTo(Target.Scheme.HTTPS);
        assertThat(t.port()).isEqualTo(5986);
        assertThat(t.path()).isEqualTo("/wsman");
        assertThat(t.authTransport()).isEqualTo(Target.AuthTransport.BASIC);
        assertThat(t.validateServerCertificate()).isTrue();
        assertThat(t.operationTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.endpoint()).isEqualTo("https://ex01.contoso.com:5986/wsman");
    }

    @Test
    void port5985MeansHttpAndSchemeHttpMeansPort5985() {
        Map<String, Object> v = base();
        v.put("ansible_port", 5985);
        assertThat(resolver.resolve("h", v).scheme()).isEqualTo(Target.Scheme.HTTP);
        Map<String, Object> w = base();
        w.put("ansible_winrm_scheme", "http");
        assertThat(resolver.resolve("h", w).port()).isEqualTo(5985);
    }

    @Test
    void readsEveryVariable() {
        Map<String, Object> v = base();
        v.put("ansible_host", "10.0.0.5");
        v.put("ansible_port", "15986");
        v.put("ansible_winrm_path", "wsman-custom");
        v.put("ansible_winrm_server_cert_validation", "ignore");
        v.put("ansible_winrm_operation_timeout_sec", "60");
        v.put("ansible_winrm_read_timeout_sec", 70);
        v.put("ansible_user", "svc-authcert@contoso.com");
        v.put("ansible_winrm_transport", List.of("kerberos"));
        Target t = resolver.resolve("ex01", v);
        assertThat(t.endpoint()).isEqualTo("https://10.0.0.5:15986/wsman-custom");
        assertThat(t.validateServerCertificate()).isFalse();
        assertThat(t.operationTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(70));
        assertThat(t.authTransport()).isEqualTo(Target.AuthTransport.KERBEROS);
        assertThat(t.password().reveal()).isEqualTo("pw");
    }

    @Test
    void aUserWithAnAtSignDefaultsToKerberos() {
        Map<String, Object> v = base();
        v.put("ansible_user", "admin@CONTOSO.COM");
        assertThat(resolver.resolve("h", v).authTransport()).isEqualTo(Target.AuthTransport.KERBEROS);
    }

    @Test
    void domainBackslashUserIsRefusedWithWhatToUseInstead() {
        Map<String, Object> v = base();
        v.put("ansible_user", "CONTOSO\\admin");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).hasSize(1);
            assertThat(e.diagnostics().get(0).message()).contains("ex01", "DOMAIN\\user");
            assertThat(e.diagnostics().get(0).hint()).contains("admin@CONTOSO", "kerberos", "basic");
        });
    }

    @Test
    void ntlmAndCredsspAreRefusedSayingWhatWorks() {
        for (String t : List.of("ntlm", "credssp")) {
            Map<String, Object> v = base();
            v.put("ansible_winrm_transport", t);
            assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
                assertThat(e.diagnostics().get(0).message()).contains("not supported", "message encryption");
                assertThat(e.diagnostics().get(0).hint()).contains("basic", "kerberos", "HTTPS");
            });
        }
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoSecretIsShown() {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_password", Secret.of("hunter2"));
        v.put("ansible_winrm_scheme", "ftp");
        v.put("ansible_winrm_operation_timeout_sec", 40);
        v.put("ansible_winrm_read_timeout_sec", 30);
        v.put("ansible_port", "abc");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).hasSize(4);
            assertThat(e.diagnostics().toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void basicWithAnAtSignUserIsAContradiction() {
        Map<String, Object> v = base();
        v.put("ansible_user", "admin@contoso.com");
        v.put("ansible_winrm_transport", "basic");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOf(InputException.class)
                .hasMessageContaining("contains @");
    }

    @Test
    void localConnectionNeedsNoCredentials() {
        Target t = resolver.resolve("ex01", Map.of("ansible_connection", "local"));
        assertThat(t.connection()).isEqualTo(Target.Connection.LOCAL);
        assertThat(t.powershellExecutable()).isEqualTo("powershell.exe");
    }
}
