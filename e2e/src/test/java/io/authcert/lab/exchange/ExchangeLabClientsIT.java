package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.OverthereRun;
import io.authcert.lab.testing.PsSyntax;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.lab.testing.WithLab;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both independent WinRM clients, pywinrm and Overthere, read the Auth configuration and the certificates of a
 * lab server. Overthere speaks only Basic, so the lab opts in to Basic over HTTP with a local account.
 */
@Requires(RequiredTool.PYWINRM)
@WithLab(scenario = "healthy", servers = 2, basicOverHttp = true)
class ExchangeLabClientsIT {

    static final String AUTH_CONFIG = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "Get-AuthConfig | ConvertTo-Json\n";
    static final String CERTIFICATES = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "Get-ExchangeCertificate\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    interface Client extends BiFunction<EmbeddedLab, String, PyWinRm.Result> {
    }

    static Stream<Arguments> clients() {
        PsSyntax.assertValid(AUTH_CONFIG, CERTIFICATES);
        return Stream.of(
                Arguments.of("pywinrm", (Client) (lab, script) -> {
                    try (PyWinRm winrm = PyWinRm.open()) {
                        return winrm.run(lab, "ex02", script);
                    }
                }),
                Arguments.of("overthere", (Client) (lab, script) -> OverthereRun.run(lab, "ex02", script)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void getAuthConfigAsJsonHasTheRealShape(String name, Client client, EmbeddedLab lab) throws Exception {
        PyWinRm.Result r = client.apply(lab, AUTH_CONFIG);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode auth = JSON.readTree(r.stdout());
        String current = lab.organisation().authConfigInDirectory().currentThumbprint();
        assertThat(auth.get("CurrentCertificateThumbprint").asText()).isEqualTo(current).matches("[0-9A-F]{40}");
        assertThat(auth.get("PreviousCertificateThumbprint").isNull()).isTrue();
        assertThat(auth.get("NextCertificateEffectiveDate").isNull()).isTrue();
        assertThat(auth.get("ServiceName").asText()).isEqualTo("00000002-0000-0ff1-ce00-000000000000");
        assertThat(auth.get("DistinguishedName").asText()).startsWith("CN=Auth Configuration,CN=Contoso,");
        assertThat(auth.get("Identity").isObject()).isTrue();
        assertThat(r.stdout()).contains("\r\n");
    }

    /**
     * THE gathering script is longer than cmd.exe's command line: the engine's transport sends it on stdin
     * to {@code powershell -Command -} (Overthere's own stdin never signals its end, as with real WinRM).
     */
    @org.junit.jupiter.api.Test
    void theGatheringScriptRunsUnchangedThroughTheEngineTransport(EmbeddedLab lab) throws Exception {
        io.authcert.transport.Target target = new io.authcert.transport.winrm.TargetResolver().resolve("ex01",
                java.util.Map.of("ansible_host", "127.0.0.1", "ansible_port", lab.port("ex01"),
                        "ansible_winrm_scheme", "http", "ansible_user", lab.user(),
                        "ansible_password", io.authcert.vault.Secret.of(lab.password()), "ansible_winrm_transport", "ntlm"));
        io.authcert.transport.CommandResult r = new io.authcert.transport.winrm.WinRmTransport()
                // The WinRM logon here is the lab's local account; the Exchange cmdlets come from the management endpoint
                // with the domain account, as an administrator's inventory would give it.
                .run(target, io.authcert.powershell.ExchangeShellScript.remote(EmbeddedLab.Options.DEFAULT_USER,
                        io.authcert.vault.Secret.of(EmbeddedLab.Options.DEFAULT_PASSWORD)).wrap(GatherScriptOnLabTest.gatherScript()),
                        java.time.Duration.ofSeconds(60));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode facts = JSON.readTree(r.stdout());
        assertThat(facts.get("server").get("name").asText()).isEqualTo("EX01");
        assertThat(facts.get("server").get("ad_site").asText())
                .isEqualTo("contoso.local/Configuration/Sites/Default-First-Site-Name");
        assertThat(facts.get("auth_config").get("current_thumbprint").asText())
                .isEqualTo(lab.organisation().authConfigInDirectory().currentThumbprint());
        assertThat(facts.get("app_pools")).extracting(p -> p.get("name").asText())
                .containsExactly("MSExchangeOWAAppPool", "MSExchangeECPAppPool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void getExchangeCertificatePrintsTheDefaultTable(String name, Client client, EmbeddedLab lab) {
        PyWinRm.Result r = client.apply(lab, CERTIFICATES);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String current = lab.organisation().authConfigInDirectory().currentThumbprint();
        assertThat(r.stdout()).contains("Thumbprint").contains("Services").contains("Subject");
        assertThat(r.stdout()).contains(current).contains("CN=Microsoft Exchange Server Auth Certificate");
        assertThat(r.stdout()).contains("CN=ex02");
    }
}
