package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's transport against a lab server at WinRM's defaults (HTTP, Basic off, unencrypted
 * refused, Negotiate): NTLM with message encryption runs Exchange cmdlets, nothing readable travels.
 */
class WinRmTransportNtlmIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String PASSWORD = "Lab-Passw0rd!";

    @TempDir
    static Path tmp;
    private static EmbeddedLab lab;
    private static Path wire;

    @BeforeAll
    static void start() throws Exception {
        wire = tmp.resolve("wire.log");
        lab = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withWireLog(wire)
                .withInventoryFile(tmp.resolve("strict.yml")));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static Target target(String user, String password, String transport, String encryption) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", lab.port("ex01"),
                "ansible_winrm_scheme", "http", "ansible_user", user, "ansible_password", Secret.of(password),
                "ansible_winrm_transport", transport, "ansible_winrm_message_encryption", encryption));
        // a Basic host opts in, so what is tested is the server's refusal, not the engine's
        v.put(TargetResolver.ALLOW_BASIC_OVER_HTTP, transport.equals("basic"));
        return new TargetResolver().resolve("ex01", v);
    }

    @Test
    void ntlmWithEncryptionRunsExchangeCmdletsForEveryUserForm() throws Exception {
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            for (Target t : new Target[] {target("CONTOSO\\administrator", PASSWORD, "ntlm", "auto"),
                    target("administrator@contoso.local", PASSWORD, "negotiate", "auto"),
                    target("administrator", "Local-Passw0rd!", "ntlm", "always")}) {
                for (int i = 0; i < 2; i++) {
                    CommandResult r = transport.run(t, SCRIPT, Duration.ofSeconds(60));
                    assertThat(r.exitCode()).as(t.user()).isZero();
                    assertThat(r.stdout().trim()).as(t.user()).matches("[0-9A-F]{40}");
                }
            }
        }
        String log = Files.readString(wire, StandardCharsets.ISO_8859_1);
        assertThat(log).contains("multipart/encrypted").contains("Authorization: Negotiate ");
        assertThat(log).doesNotContain("Get-AuthConfig").doesNotContainIgnoringCase("powershell")
                .doesNotContain("CommandLine").doesNotContain(PASSWORD);
    }

    /** The lab seals its w:TimedOut faults as Windows does; the engine reads them and asks again. */
    @Test
    void aCommandSilentLongerThanTheOperationTimeoutSucceedsOverSealedFaults() throws Exception {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", lab.port("ex01"),
                "ansible_winrm_scheme", "http", "ansible_user", "CONTOSO\\administrator", "ansible_password",
                Secret.of(PASSWORD), "ansible_winrm_transport", "ntlm", "ansible_winrm_operation_timeout_sec", 1,
                "ansible_winrm_read_timeout_sec", 5));
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            CommandResult r = transport.run(new TargetResolver().resolve("ex01", v),
                    "Start-Sleep -Milliseconds 2600\nWrite-Output 'after the TimedOut faults'\n", Duration.ofSeconds(30));
            assertThat(r.stdout()).isEqualTo("after the TimedOut faults\r\n");
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> transport.run(target("CONTOSO\\administrator", "wrong", "ntlm", "auto"), SCRIPT,
                    Duration.ofSeconds(30))).isInstanceOfSatisfying(TransportException.class, e ->
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION));
        }
    }

    @Test
    void basicAndUnencryptedNtlmAreRefusedAtTheDefaults() {
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> transport.run(target("administrator", "Local-Passw0rd!", "basic", "auto"), SCRIPT,
                    Duration.ofSeconds(30))).isInstanceOfSatisfying(TransportException.class, e ->
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION));
            assertThatThrownBy(() -> transport.run(target("CONTOSO\\administrator", PASSWORD, "ntlm", "never"), SCRIPT,
                    Duration.ofSeconds(30))).isInstanceOfSatisfying(TransportException.class, e ->
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL));
        }
    }
}
