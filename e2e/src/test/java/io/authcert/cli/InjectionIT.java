package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text that reaches PowerShell arrives as a literal, whatever it carries: the playbook's friendly name
 * with quotes, {@code ;}, {@code $()}, backticks and the look-alike quotes PowerShell also takes for
 * quotes, applied to the lab over real WinRM (the lab parses PowerShell as strictly as Windows does).
 * It is read back through {@code engine facts}, and no injected command ran: exactly one certificate
 * was made, none named by the payload.
 */
class InjectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "x'; New-ExchangeCertificate -FriendlyName 'INJ",
        "$(New-ExchangeCertificate -FriendlyName INJ)",
        "x`'; New-ExchangeCertificate -FriendlyName INJ",
        "x\u2019; New-ExchangeCertificate -FriendlyName \u2018INJ",
        "x\u201b; New-ExchangeCertificate -FriendlyName INJ",
        "x\u201a\nNew-ExchangeCertificate -FriendlyName INJ",
        "@' \"$env:COMPUTERNAME\" '@; INJ",
    })
    void aFriendlyNameCarryingPowerShellArrivesAsALiteral(String payload) throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            Path playbook = dir.resolve("playbook.yml");
            Files.writeString(playbook, Files.readString(RepoFiles.path("playbooks/auth-certificate.yml"))
                    .replace("friendly_name: \"Microsoft Exchange Server Auth Certificate\"",
                            "friendly_name: " + JSON.writeValueAsString(payload)));
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            List<Cert> before = certificates(engine, lab);

            LabApplier.Outcome applied = engine.apply(playbook.toString());

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            List<Cert> after = certificates(engine, lab);
            // Exactly the engine's one new certificate, on every server, named with the literal; nothing removed.
            assertThat(after).containsAll(before);
            List<Cert> made = after.stream().filter(c -> !before.contains(c)).toList();
            assertThat(made).hasSize(lab.hosts().size()).allSatisfy(c -> assertThat(c.friendlyName()).startsWith(payload + " - "));
            assertThat(made.stream().map(Cert::thumbprint).distinct()).hasSize(1);
            assertThat(after).noneMatch(c -> c.friendlyName().startsWith("INJ"));
        }
    }

    /** One certificate in one server's store, as the engine reads it back. */
    private record Cert(String host, String thumbprint, String friendlyName) {
    }

    private static List<Cert> certificates(LabApplier engine, EmbeddedLab lab) throws Exception {
        List<Cert> out = new ArrayList<>();
        facts(engine, lab).path("hosts").fields().forEachRemaining(h -> h.getValue().path("certificates").forEach(c ->
                out.add(new Cert(h.getKey(), c.path("thumbprint").asText(), c.path("friendly_name").asText()))));
        return out;
    }

    private static JsonNode facts(LabApplier engine, EmbeddedLab lab) throws Exception {
        LabApplier.Outcome facts = engine.engine("facts", "-i", lab.inventoryFile().toString(), "--format", "json");
        assertThat(facts.exitCode()).as(facts.all()).isZero();
        return JSON.readTree(facts.out());
    }

}
