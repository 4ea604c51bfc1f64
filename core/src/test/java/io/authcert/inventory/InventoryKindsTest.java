package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.vault.VaultSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inventories as Ansible reads them beyond plain YAML and INI: a file vault-encrypted as a whole, integer
 * host names, TOML and script inventories, and Ansible's own variables that are no typo.
 */
class InventoryKindsTest {

    private static final Path DIR = InventoryGoldenTest.DIR;
    private static final Path WHOLE_FILE_VAULT = DIR.resolve("whole-file-vault/hosts");

    @TempDir
    Path dir;

    private static Diagnostic refused(List<Path> sources, VaultSecrets vault) {
        InputException e = catchThrowableOfType(InputException.class, () -> new InventoryLoader().load(sources, vault));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.diagnostics()).hasSize(1);
        return e.diagnostics().get(0);
    }

    @Test
    void aWholeFileEncryptedWithAnsibleVaultIsDecryptedAndReadAsAnsibleDoes() throws IOException {
        Inventory inventory = new InventoryLoader().load(List.of(WHOLE_FILE_VAULT),
                VaultSecrets.fromFile(DIR.resolve("vault-password.txt")));

        JsonNode ours = new ObjectMapper().valueToTree(InventoryListing.list(inventory, null));
        assertThat(ours).isEqualTo(new ObjectMapper().readTree(DIR.resolve("whole-file-vault.list.json").toFile()));
    }

    @Test
    void aWholeFileEncryptedWithoutThePasswordIsRefusedNotReadAsHosts() {
        Diagnostic d = refused(List.of(WHOLE_FILE_VAULT), VaultSecrets.none());

        assertThat(d.location().toString()).endsWith("whole-file-vault/hosts");
        assertThat(d.message()).contains("encrypted with ansible-vault", "no vault password was given");
        assertThat(d.hint()).contains("--vault-password-file");
    }

    @Test
    void aWholeFileWithTheWrongPasswordSaysSo() {
        Diagnostic d = refused(List.of(WHOLE_FILE_VAULT), VaultSecrets.fromFile(DIR.resolve("wrong-password.txt")));

        assertThat(d.message()).contains("encrypted with ansible-vault", "does not decrypt");
    }

    @Test
    void anIntegerHostNameIsRefusedInAnsiblesWords() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    123:\n    ex01:\n");

        Diagnostic d = refused(List.of(file), VaultSecrets.none());

        assertThat(d.message()).isEqualTo("Host pattern 123 must be a string. Enclose integers/floats in quotation marks.");
        assertThat(d.location().line()).isEqualTo(3);
    }

    @Test
    void tomlInventoriesSayPlainlyTheyAreNotSupported() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.toml"), "[exchange.hosts]\nex01 = {}\n");

        Diagnostic d = refused(List.of(file), VaultSecrets.none());

        assertThat(d.message()).contains("TOML inventories", "not supported");
        assertThat(d.hint()).contains("ansible-inventory -i", "--list -y");
    }

    @Test
    void scriptInventoriesAreNeverRun() throws IOException {
        Path marker = dir.resolve("ran");
        Path file = Files.writeString(dir.resolve("inventory.py"), "#!/bin/sh\ntouch '" + marker + "'\necho '{}'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));

        Diagnostic d = refused(List.of(file), VaultSecrets.none());

        assertThat(d.message()).contains("inventory scripts", "not supported");
        assertThat(marker).doesNotExist();
    }

    @Test
    void ansiblesOwnVariablesAreNoTyposButAMisspeltOneOfOursIs() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yml"), String.join("\n", "all:", "  hosts:", "    ex01:",
                "      ansible_ssh_pipelining: true", "      ansible_paramiko_look_for_keys: false",
                "      ansible_psrp_reconnection_retries: 2", "      ansible_pasword: x", ""));

        Inventory inventory = new InventoryLoader().load(List.of(file), VaultSecrets.none());

        assertThat(inventory.warnings().all()).extracting(Diagnostic::message).singleElement().asString()
                .contains("ansible_pasword");
    }
}
