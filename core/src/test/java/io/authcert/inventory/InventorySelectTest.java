package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ansible host patterns over the nested YAML inventory. */
class InventorySelectTest {

    private final Inventory inventory = InventoryGoldenTest.load("yaml-nested");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "all                         | jump ex01 ex02 ex03 ex10 exb-a exb-b exb-c ex04 ex06 ex08 edge1",
        "*                           | jump ex01 ex02 ex03 ex10 exb-a exb-b exb-c ex04 ex06 ex08 edge1",
        "site_a                      | ex01 ex02 ex03 ex10",
        "mailbox                     | ex01 ex02 ex03 ex10 exb-a exb-b exb-c ex04 ex06 ex08",
        "ex01.corp.example           | ex01",
        "ex0*                        | ex01 ex02 ex03 ex04 ex06 ex08",
        "site_a:edge                 | ex01 ex02 ex03 ex10 edge1",
        "site_a,edge                 | ex01 ex02 ex03 ex10 edge1",
        "mailbox:&patching           | ex01 exb-a",
        "exchange:!site_b:!edge      | ex01 ex02 ex03 ex10",
        "!exchange                   | jump",
        "~ex[0-9]+\\.corp            | ex01 ex02 ex03 ex10 ex04 ex06 ex08",
        "site_b[0]                   | exb-a",
        "site_b[1:2]                 | exb-b exb-c",
        "site_b[-1]                  | ex08",
        "empty_group                 | ''",
    })
    void selectsLikeAnsible(String pattern, String expected) {
        List<String> names = inventory.selectNames(pattern, null, null);

        assertThat(names).containsExactlyElementsOf(shortNames(expected));
    }

    @Test
    void selectsWhatAnsibleListHostsSelects() throws java.io.IOException {
        // Made by regen.sh with `ansible PATTERN --list-hosts`; Ansible lists in pattern order, so compare as sets.
        List<String> lines = java.nio.file.Files.readAllLines(InventoryGoldenTest.DIR.resolve("yaml-nested.patterns.tsv"));

        assertThat(lines).hasSizeGreaterThan(15);
        for (String line : lines) {
            String[] parts = line.split("\t", -1);
            List<String> expected = parts[1].isEmpty() ? List.of() : List.of(parts[1].split(" "));
            assertThat(inventory.selectNames(parts[0], null, null)).as(parts[0]).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void limitNarrowsTheSelection() {
        assertThat(inventory.selectNames("exchange", "site_b:!ex0*", null))
                .containsExactly("exb-a.corp.example", "exb-b.corp.example", "exb-c.corp.example");
    }

    @Test
    void limitCanReadHostNamesFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
        java.nio.file.Path file = tmp.resolve("retry");
        java.nio.file.Files.writeString(file, "ex02.corp.example\n# a comment\nex04.corp.example\n");

        assertThat(inventory.selectNames("all", "@" + file, null)).containsExactly("ex02.corp.example", "ex04.corp.example");
    }

    @Test
    void aCommaSeparatedHostListIsAnInventoryToo() {
        Inventory list = new InventoryLoader().load(List.of(java.nio.file.Path.of("ex01.corp.example:5986,ex02.corp.example,")),
                io.authcert.vault.VaultSecrets.none());

        assertThat(list.selectNames("ungrouped", null, null)).containsExactly("ex01.corp.example", "ex02.corp.example");
        assertThat(list.host("ex01.corp.example").orElseThrow().vars()).containsEntry("ansible_port", 5986);
    }

    @Test
    void selectReturnsHostsWithMergedVariables() {
        List<InventoryHost> hosts = inventory.select("ex01.corp.example", null);

        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.vars()).containsEntry("ansible_host", "192.0.2.11").containsEntry("level", "host_vars");
        });
    }

    @Test
    void unknownGroupIsAnErrorWithASuggestion() {
        SourceLocation where = new SourceLocation("site.yml", 3, 10);

        assertThatThrownBy(() -> inventory.select("mailbx", null, where))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                        assertThat(d.location()).isEqualTo(where);
                        assertThat(d.message()).contains("'mailbx'").contains("matches no host or group");
                        assertThat(d.hint()).isEqualTo("did you mean 'mailbox'?");
                    });
                });
    }

    @Test
    void unknownTermInLimitIsAnError() {
        assertThatThrownBy(() -> inventory.select("all", "site_c", null))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.diagnostics().get(0).message())
                        .startsWith("--limit 'site_c'"));
    }

    private static List<String> shortNames(String expected) {
        if (expected.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(expected.strip().split("\\s+")).map(n -> n + ".corp.example").toList();
    }
}
