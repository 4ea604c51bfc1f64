package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.vault.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code engine inventory} end to end through picocli and Guice, compared with ansible-inventory's output. */
class InventoryCommandTest {

    private static final Path DIR = Path.of("core/src/test/resources/io/authcert/inventory");
    private static final String PRODUCTION = "inventory/production";
    private static final String PRODUCTION_PASSWORD = "inventory/production/vault-password.example";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void listPrintsWhatAnsibleInventoryPrints() throws IOException {
        int code = run("inventory", "-i", DIR.resolve("yaml-nested").toString(), "--list");

        assertThat(code).isEqualTo(ExitCode.OK);
        // Same keys, order, indentation and separators: the two outputs can be diffed directly.
        assertThat(out.toString().strip()).isEqualTo(Files.readString(DIR.resolve("yaml-nested.list.json"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void graphPrintsWhatAnsibleInventoryPrints() throws IOException {
        int code = run("inventory", "-i", DIR.resolve("ini-basic/hosts.ini").toString(), "--graph");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString().strip()).isEqualTo(Files.readString(DIR.resolve("ini-basic.graph.txt"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void graphOfOneGroup() {
        run("inventory", "-i", DIR.resolve("yaml-nested").toString(), "--graph", "site_b");

        assertThat(out.toString()).startsWith("@site_b:\n  |--exb-a.corp.example\n").doesNotContain("site_a");
    }

    @Test
    void hostPrintsOneHostsMergedVariables() throws IOException {
        run("inventory", "-i", DIR.resolve("yaml-nested").toString(), "--host", "ex01.corp.example");

        JsonNode ansible = new ObjectMapper().readTree(DIR.resolve("yaml-nested.list.json").toFile()).at("/_meta/hostvars/ex01.corp.example");
        assertThat(new ObjectMapper().readTree(out.toString())).isEqualTo(ansible);
    }

    @Test
    void productionExampleGraphWorksWithoutTheVaultPassword() throws IOException {
        int code = run("inventory", "-i", PRODUCTION, "--graph");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString().strip()).isEqualTo(Files.readString(DIR.resolve("production.graph.txt"), StandardCharsets.UTF_8).strip());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void productionExampleListMatchesAnsibleInventoryAndKeepsThePasswordSecret() throws IOException {
        int code = run("inventory", "-i", PRODUCTION, "--list", "--vault-password-file", PRODUCTION_PASSWORD);

        ObjectMapper json = new ObjectMapper();
        JsonNode ansible = json.readTree(DIR.resolve("production.list.json").toFile());
        ansible.at("/_meta/hostvars").forEach(h -> ((ObjectNode) h).put("ansible_password", Secret.REDACTED));
        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(json.readTree(out.toString())).isEqualTo(ansible);
        assertThat(out.toString()).doesNotContain("Example-Only-Passw0rd!");
    }

    @Test
    void listWithoutTheNeededVaultPasswordFailsAtTheEncryptedFile() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(io.authcert.vault.VaultSecrets.PASSWORD_FILE_ENV) == null,
                "ANSIBLE_VAULT_PASSWORD_FILE is set in this environment");
        int code = run("inventory", "-i", PRODUCTION, "--list");

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString())
                .contains("inventory/production/group_vars/exchange/vault.yml:1:1: cannot decrypt this ansible-vault file")
                .contains("hint: give the vault password with --vault-password-file FILE");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownGroupNamesTheInventoryItWasLookedForIn() {
        String inventory = DIR.resolve("yaml-nested").toString();
        int code = run("inventory", "-i", inventory, "--graph", "no_such_group");

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).startsWith(inventory + ": no group named 'no_such_group' in the inventory\n")
                .contains("hint: engine inventory -i INV --graph lists the groups and hosts").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownHostIsAnErrorWithASuggestion() {
        int code = run("inventory", "-i", DIR.resolve("yaml-nested").toString(), "--host", "ex1.corp.example");

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("no host named 'ex1.corp.example'").contains("did you mean 'ex01.corp.example'?");
    }

    @Test
    void warningsGoToStandardErrorAndTheListStillPrints(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path inv = tmp.resolve("hosts.yml");
        Files.writeString(inv, "web:\n  hosts:\n    web1:\n      ansible_pasword: x\n");

        int code = run("inventory", "-i", inv.toString(), "--list");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains(inv + ":4:7: warning: unknown variable 'ansible_pasword'")
                .contains("did you mean 'ansible_password'?");
        assertThat(out.toString()).contains("\"web1\"");
    }

    @Test
    void passwordsWrittenInClearAreNeverPrinted(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path inv = tmp.resolve("hosts.ini");
        Files.writeString(inv, "[exchange]\nex01 ansible_user=admin ansible_password=Clear-Text-Pw1\n"
                + "[exchange:vars]\nansible_become_pass=Clear-Text-Pw2\nvault_smtp_secret=Clear-Text-Pw3\n");

        for (String[] view : new String[][] {{"--host", "ex01"}, {"--list"}, {"--graph", "--vars"}}) {
            out.getBuffer().setLength(0);
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("inventory", "-i", inv.toString()),
                    java.util.Arrays.stream(view)).toArray(String[]::new);
            int code = run(args);

            assertThat(code).as(view[0]).isEqualTo(ExitCode.OK);
            assertThat(out.toString()).as(view[0]).contains("admin").contains(Secret.REDACTED).doesNotContain("Clear-Text-Pw");
        }
    }

    @Test
    void helpShowsAnExample() {
        int code = run("inventory", "--help");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("engine inventory -i inventory/production --graph").contains("--vault-password-file");
    }

    @Test
    void oneViewMustBeChosen() {
        int code = run("inventory", "-i", PRODUCTION);

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("--list").contains("--graph").contains("--host");
    }

    private int run(String... args) {
        return Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
    }
}
