package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WireLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's outage healed the way an Exchange administrator connects to servers at WinRM's defaults:
 * the lab's inventory ({@code CONTOSO\administrator}, ntlm, http, message encryption auto) through the
 * engine's real transport on loopback. The lab's wire log is what an eavesdropper on the network sees.
 */
class ApplyOverNtlmIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    @Test
    void theExpiredOutageHealsOverNtlmWithEveryBodyEncryptedAndNothingReadableOnTheWire() throws Exception {
        Path wire = dir.resolve("wire.log");
        try (EmbeddedLab lab = LabApplier.start("expired", 3, wire)) {
            String inventory = Files.readString(lab.inventoryFile());
            assertThat(inventory).contains("ansible_user: 'CONTOSO\\administrator'", "ansible_winrm_transport: 'ntlm'",
                    "ansible_winrm_scheme: 'http'").doesNotContain("ansible_winrm_message_encryption:");
            for (String host : lab.hosts()) {
                WinRmConfig winrm = lab.scenario().winrm().forServer(host);
                assertThat(winrm.basic() || winrm.allowUnencrypted()).as("%s at WinRM's defaults", host).isFalse();
                assertThat(lab.healthOf(host).signIn()).as("OWA sign-in on %s before", host).isEqualTo(500);
            }
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome applied = engine.apply(PLAYBOOK);

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged", "Verified.");
            assertThat(applied.err()).doesNotContain("Basic over plain HTTP");
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).owa()).as("OWA on %s after", host).isEqualTo(200);
                assertThat(lab.healthOf(host).ecp()).as("ECP on %s after", host).isEqualTo(200);
                assertThat(lab.healthOf(host).signIn()).as("OWA sign-in on %s after", host).isEqualTo(302);
            }
            LabApplier.Outcome replan = engine.engine("plan", "-i", lab.inventoryFile().toString(), PLAYBOOK,
                    "--detailed-exitcode");
            assertThat(replan.exitCode()).as("nothing left to do: %s", replan.all()).isZero();
            assertThat(lab.audit().entries(e -> e.mentions("Set-AuthConfig"))).as("the rotation ran").isNotEmpty();
        }

        Eavesdropper eavesdropper = Eavesdropper.of(wire);
        assertThat(eavesdropper.messages()).hasSizeGreaterThan(50);
        eavesdropper.readsNoPowerShell();
        eavesdropper.readsNoPassword(EmbeddedLab.Options.DEFAULT_PASSWORD);

        Map<String, List<WireLog.Message>> byConnection = eavesdropper.winRmConnections();
        assertThat(byConnection).isNotEmpty();
        for (Map.Entry<String, List<WireLog.Message>> c : byConnection.entrySet()) {
            List<WireLog.Message> requests = c.getValue().stream().filter(WireLog.Message::request).toList();
            assertThat(requests).as("requests on %s", c.getKey()).hasSizeGreaterThan(2);
            // the NTLM handshake: NEGOTIATE and AUTHENTICATE, both with empty bodies, so nothing travels before it
            for (WireLog.Message handshake : requests.subList(0, 2)) {
                assertThat(handshake.header("Authorization")).as(c.getKey()).startsWith("Negotiate TlRMTVNTUA");
                assertThat(handshake.body()).as(c.getKey()).isEmpty();
            }
            for (WireLog.Message after : requests.subList(2, requests.size())) {
                assertThat(after.header("Content-Type")).as("a request on %s after the handshake", c.getKey())
                        .startsWith(Eavesdropper.SEALED);
                assertThat(after.header("Authorization")).as(c.getKey()).isNull();
            }
            for (WireLog.Message answer : c.getValue()) {
                if (!answer.request() && answer.body().length > 0) {
                    assertThat(answer.header("Content-Type")).as("an answer with a body on %s", c.getKey())
                            .startsWith(Eavesdropper.SEALED);
                }
            }
        }
    }

    /**
     * A Basic attempt against servers at WinRM's defaults: without the host's opt-in the engine sends
     * nothing; with it the engine warns, sends Basic, and the server answers 401 offering only Negotiate and
     * Kerberos, as a Windows server with Auth/Basic=false does.
     */
    @Test
    void aBasicAttemptIsRefusedByTheEngineAndOptedInByTheServerWith401AndNegotiateAndKerberos() throws Exception {
        Path wire = dir.resolve("basic-wire.log");
        try (EmbeddedLab lab = LabApplier.start("expired", 1, wire)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String host = "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n"
                    + "          ansible_host: 127.0.0.1\n          ansible_port: " + lab.port("ex01") + "\n"
                    + "          ansible_user: administrator\n          ansible_password: Local-Passw0rd!\n"
                    + "          ansible_winrm_scheme: http\n          ansible_winrm_transport: basic\n";
            Path refused = dir.resolve("basic.yml");
            Files.writeString(refused, host);

            LabApplier.Outcome notSent = engine.engine("apply", "-i", refused.toString(), PLAYBOOK, "--auto-approve",
                    "--state-dir", dir.resolve("state").toString());
            LabApplier.Outcome viaFacts = engine.engine("facts", "-i", refused.toString());

            assertThat(notSent.exitCode()).isEqualTo(1);
            assertThat(notSent.all()).contains("Basic authentication over plain HTTP is refused",
                    "ansible_winrm_transport: ntlm with a domain account", "HTTPS");
            assertThat(viaFacts.exitCode()).isEqualTo(1);
            assertThat(viaFacts.all()).contains("Basic authentication over plain HTTP is refused");
            assertThat(wire).doesNotExist();
            assertThat(lab.audit().entries()).isEmpty();

            Path optedIn = dir.resolve("basic-opted-in.yml");
            Files.writeString(optedIn, host + "          authcert_allow_basic_over_http: true\n");
            LabApplier.Outcome sent = engine.engine("facts", "-i", optedIn.toString());

            assertThat(sent.exitCode()).isEqualTo(1);
            assertThat(sent.err()).contains("warning: Basic over plain HTTP to ex01");
            assertThat(sent.out()).contains("error: ex01: authentication failed").doesNotContain("Local-Passw0rd!");
            assertThat(lab.audit().entries()).as("nothing ran").isEmpty();
        }
        List<WireLog.Message> messages = WireLog.read(wire);
        List<WireLog.Message> basic = messages.stream()
                .filter(m -> m.request() && String.valueOf(m.header("Authorization")).startsWith("Basic ")).toList();
        assertThat(basic).as("the opted-in attempt went out, readable").isNotEmpty();
        for (WireLog.Message answer : messages.stream().filter(m -> !m.request()).toList()) {
            assertThat(answer.firstLine()).isEqualTo("401");
            assertThat(answer.headers("WWW-Authenticate")).containsExactly("Negotiate", "Kerberos");
            assertThat(answer.body()).isEmpty();
        }
    }
}
