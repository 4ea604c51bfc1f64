package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.vault.VaultSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken inventories: every problem reported at once, each at the right FILE:LINE:COL with a hint. */
class InventoryErrorsTest {

    @TempDir
    Path dir;

    @Test
    void brokenYamlIsReportedAtItsLineAndColumn() throws IOException {
        Path file = write("hosts.yml", """
                all:
                  children:
                    web:
                      hosts:
                        web1:
                       web2:
                """);

        List<Diagnostic> errors = errors(file);

        assertThat(errors).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(file + ":6:8");
            assertThat(d.message()).startsWith("invalid YAML");
        });
    }

    @Test
    void aMisspeltGroupKeyIsAnErrorWithASuggestion() throws IOException {
        Path file = write("hosts.yml", """
                all:
                  children:
                    web:
                      chidren:
                        app:
                """);

        assertThat(errors(file)).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(file + ":4:7");
            assertThat(d.message()).isEqualTo("unknown key 'chidren' in group 'web'");
            assertThat(d.hint()).isEqualTo("did you mean 'children'?");
        });
    }

    @Test
    void everyProblemOfEverySourceIsReportedTogether() throws IOException {
        Path yaml = write("a.yml", """
                web:
                  hosts:
                    web[01:3].corp.example:
                  vars: [not, a, mapping]
                """);
        Path ini = write("b.ini", """
                [db]
                db1 ansible_port=5985 oops

                [db:varz]
                x=1
                """);

        List<Diagnostic> errors = errors(yaml, ini);

        assertThat(errors).extracting(d -> d.location().toString()).containsExactly(
                yaml + ":3:5", yaml + ":4:9", ini + ":2:23", ini + ":4:5");
        assertThat(errors.get(0).message()).contains("equal length");
        assertThat(errors.get(1).message()).contains("'vars' of group 'web' must be a mapping");
        assertThat(errors.get(2).message()).isEqualTo("expected key=value after the host name, got 'oops'");
        assertThat(errors.get(3).hint()).isEqualTo("did you mean [db:vars]?");
    }

    @Test
    void iniUndefinedChildGroupIsReportedWhereItWasNamed() throws IOException {
        Path ini = write("hosts", """
                [exchange:children]
                mailbox
                mailbx

                [mailbox]
                ex01
                """);

        assertThat(errors(ini)).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(ini + ":3:1");
            assertThat(d.message()).isEqualTo("section [exchange:children] includes the undefined group 'mailbx'");
            assertThat(d.hint()).isEqualTo("did you mean 'mailbox'?");
        });
    }

    @Test
    void iniUnclosedQuoteIsAnError() throws IOException {
        Path ini = write("hosts.ini", """
                [web]
                  web1 note="unfinished
                """);

        assertThat(errors(ini)).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(ini + ":2:3");
            assertThat(d.message()).contains("no closing quotation");
        });
    }

    @Test
    void aGroupThatContainsItselfIsRefused() throws IOException {
        Path file = write("hosts.yml", """
                a:
                  children:
                    b:
                      children:
                        a:
                """);

        assertThat(errors(file)).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(file + ":3:5");
            assertThat(d.message()).isEqualTo("adding group 'b' as a child of 'a' creates a loop");
        });
    }

    @Test
    void duplicateKeysInInventoryAndVarsFilesAreErrors() throws IOException {
        Path yaml = write("hosts.yml", "exchange:\n  hosts:\n    ex01:\n    ex01:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Path vars = write("group_vars/all.yml", "a: 1\na: 2\n");

        assertThat(errors(yaml)).extracting(d -> d.location().toString() + " " + d.message().startsWith("duplicate key"))
                .containsExactly(vars + ":2:1 true", yaml + ":4:5 true");
    }

    @Test
    void aMissingInventoryIsAnError() {
        Path missing = dir.resolve("nope.yml");

        assertThat(errors(missing)).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo("inventory not found"));
    }

    @Test
    void misspeltConnectionVariablesAreWarnedAboutWhereverTheyAre() throws IOException {
        Path yaml = write("hosts.yml", """
                exchange:
                  hosts:
                    ex01:
                      ansible_pasword: x
                  vars:
                    ansible_winrm_transprot: basic
                    ansible_become: true
                    my_own_variable: 1
                """);
        Path ini = write("more.ini", """
                [edge]
                edge1 ansible_prot=5986
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Path groupVars = write("group_vars/exchange.yml", "ansible_winrm_schme: https\n");

        Inventory inventory = new InventoryLoader().load(List.of(yaml, ini), VaultSecrets.none());

        assertThat(inventory.warnings().errors()).isEmpty();
        assertThat(inventory.warnings().sorted()).extracting(d -> d.location() + " " + d.hint()).containsExactly(
                groupVars + ":1:1 did you mean 'ansible_winrm_scheme'?",
                yaml + ":4:7 did you mean 'ansible_password'?",
                yaml + ":6:5 did you mean 'ansible_winrm_transport'?",
                ini + ":2:7 did you mean 'ansible_port'?");
    }

    @Test
    void groupVarsForAGroupThatDoesNotExistAreWarnedAbout() throws IOException {
        Path yaml = write("hosts.yml", "exchange:\n  hosts:\n    ex01:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        write("group_vars/exchnage.yml", "x: 1\n");

        Inventory inventory = new InventoryLoader().load(List.of(yaml), VaultSecrets.none());

        assertThat(inventory.warnings().warnings()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("no group named 'exchnage' in the inventory; these variables are not used");
            assertThat(d.hint()).isEqualTo("did you mean 'exchange'?");
        });
    }

    @Test
    void brokenGroupVarsFileIsReportedAtItsLine() throws IOException {
        Path yaml = write("hosts.yml", "exchange:\n  hosts:\n    ex01:\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Path vars = write("group_vars/exchange.yml", "a: 1\nb: [1, 2\nc: 3\n");

        assertThat(errors(yaml)).singleElement().satisfies(d -> {
            assertThat(d.location().toString()).isEqualTo(vars + ":3:2");
            assertThat(d.message()).startsWith("invalid YAML");
        });
    }

    @Test
    void aMistypedPasswordLineIsPointedAtWithoutShowingThePassword() throws IOException {
        Path ini = write("hosts.ini", """
                [exchange]
                ex01 ansible_user=admin ansible_password = Hunter2-pw

                [exchange:vars]
                ansible_become_password: Hunter3-pw
                """);

        List<Diagnostic> errors = errors(ini);

        assertThat(errors).extracting(d -> d.location().toString()).contains(ini + ":2:44", ini + ":5:1");
        assertThat(errors).extracting(Diagnostic::message)
                .contains("expected key=value in [exchange:vars], got 'ansible_become_password' followed by something other than '='");
        assertThat(errors.toString()).doesNotContain("Hunter2").doesNotContain("Hunter3");
        assertThat(errors).filteredOn(d -> d.location().toString().equals(ini + ":2:44")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("not shown: this line sets ansible_password"));
    }

    private List<Diagnostic> errors(Path... sources) {
        try {
            new InventoryLoader().load(List.of(sources), VaultSecrets.none());
        } catch (InputException e) {
            return e.diagnostics().stream().filter(Diagnostic::isError).toList();
        }
        throw new AssertionError("expected the inventory to be refused");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
