package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.diag.InputException;
import io.authcert.vault.Secret;
import io.authcert.vault.VaultSecrets;
import io.authcert.vault.VaultedValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An inventory with a {@code !vault} value in the inventory file, a 1.2 vault-id value in host_vars/ and a
 * whole encrypted group_vars/exchange/vault.yml, all made by the real ansible-vault.
 */
class InventoryVaultTest {

    private static final Path DIR = InventoryGoldenTest.DIR;
    private static final List<Path> SOURCE = List.of(DIR.resolve("vaulted"));
    private static final VaultSecrets PASSWORD = VaultSecrets.fromFile(DIR.resolve("vault-password.txt"));

    @Test
    void loadsAndSelectsWithoutAPasswordWhileNoVaultedValueIsUsed() {
        Inventory inventory = new InventoryLoader().load(SOURCE, VaultSecrets.none());

        assertThat(inventory.selectNames("exchange", null, null))
                .containsExactly("ex01.corp.example", "ex02.corp.example", "ex03.corp.example");
        assertThat(InventoryListing.graph(inventory, "all")).contains("  |  |--ex03.corp.example");
    }

    @Test
    void needingAnEncryptedFileWithoutAPasswordNamesTheFile() {
        Inventory inventory = new InventoryLoader().load(SOURCE, VaultSecrets.none());

        assertThatThrownBy(() -> inventory.host("ex03.corp.example"))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                        assertThat(d.location().toString()).endsWith("vaulted/group_vars/exchange/vault.yml:1:1");
                        assertThat(d.message()).contains("no vault password was given");
                        assertThat(d.hint()).contains("--vault-password-file").contains("ANSIBLE_VAULT_PASSWORD_FILE");
                    });
                });
    }

    @Test
    void needingAVaultedValueWithoutAPasswordNamesItsLine() {
        Inventory inventory = new InventoryLoader().load(SOURCE, VaultSecrets.none());
        Object vaulted = new InventoryLoader().load(SOURCE, PASSWORD).host("ex01.corp.example").orElseThrow()
                .vars().get("ansible_password");
        VaultedValue withoutPassword = new VaultedValue(((VaultedValue) vaulted).ciphertext(), ((VaultedValue) vaulted).location(),
                VaultSecrets.none());

        assertThat(inventory.hostNames()).hasSize(3);
        assertThatThrownBy(withoutPassword::secret)
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.diagnostics().get(0).location().toString())
                        .endsWith("vaulted/hosts.yml:6:29"));
    }

    @Test
    void decryptsEachKindOfVaultedValueWithThePassword() {
        Inventory inventory = new InventoryLoader().load(SOURCE, PASSWORD);

        InventoryHost ex01 = inventory.host("ex01.corp.example").orElseThrow();
        InventoryHost ex02 = inventory.host("ex02.corp.example").orElseThrow();
        InventoryHost ex03 = inventory.host("ex03.corp.example").orElseThrow();

        assertThat(ex01.vars().get("ansible_password")).isInstanceOf(VaultedValue.class);
        assertThat(ex01.secret("ansible_password")).contains(Secret.of("S3cret-inline!"));
        assertThat(ex02.secret("ansible_password")).contains(Secret.of("S3cret-v12!"));
        assertThat(ex03.vars().get("ansible_password")).isInstanceOf(Secret.class);
        assertThat(ex03.secret("ansible_password")).contains(Secret.of("S3cret-group!"));
        assertThat(ex03.string("ansible_user")).contains("CORP\\svc-authcert");
    }

    @Test
    void decryptedValuesNeverAppearInText() {
        Inventory inventory = new InventoryLoader().load(SOURCE, PASSWORD);

        String shown = inventory.hosts().toString() + InventoryListing.list(inventory, null);

        assertThat(shown).doesNotContain("S3cret").contains(Secret.REDACTED);
    }

    @Test
    void listMatchesAnsibleInventoryWithEncryptedFileValuesRedacted() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Inventory inventory = new InventoryLoader().load(SOURCE, PASSWORD);
        JsonNode ansible = json.readTree(DIR.resolve("vaulted.list.json").toFile());
        // ansible-inventory prints the decrypted contents of vault.yml; authcert never prints them.
        for (String host : List.of("ex01.corp.example", "ex02.corp.example", "ex03.corp.example")) {
            ((ObjectNode) ansible.at("/_meta/hostvars/" + host)).put("vault_note", Secret.REDACTED);
        }
        ((ObjectNode) ansible.at("/_meta/hostvars/ex03.corp.example")).put("ansible_password", Secret.REDACTED);

        assertThat((JsonNode) json.valueToTree(InventoryListing.list(inventory, null))).isEqualTo(ansible);
    }

    @Test
    void aWrongPasswordIsAnErrorAtTheFile() {
        Inventory inventory = new InventoryLoader().load(SOURCE, VaultSecrets.fromFile(DIR.resolve("wrong-password.txt")));

        assertThatThrownBy(() -> inventory.host("ex03.corp.example"))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.diagnostics().get(0).message()).contains("does not decrypt");
                    assertThat(e.diagnostics().get(0).hint()).contains("wrong-password.txt");
                });
    }
}
