package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine validate} end to end through Main: exit codes, the summary line, every problem with its position. */
class ValidateCommandTest {

    private static final String INVENTORY = "cli/src/test/resources/cli/validate/hosts.yml";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theStandardPlaybookIsValidAgainstAnInventory() {
        Run run = run("validate", "-i", INVENTORY, "playbooks/auth-certificate.yml");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("playbooks/auth-certificate.yml: valid: 1 play, 1 task, 3 handlers, 3 hosts\n");
        assertThat(run.code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void theReadmesFirstCommandWorksOnEveryShippedPlaybook() {
        for (String playbook : new String[] {"playbooks/auth-certificate.yml", "playbooks/examples/staged-import.yml",
                "playbooks/examples/backend-binding.yml"}) {
            Run run = run("validate", "-i", "inventory/production", playbook);
            assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).startsWith(playbook + ": valid: 1 play, ");
        }
    }

    @Test
    void connectionVariablesAreCheckedAsFactsAndApplyWouldReadThem() {
        Run run = run("validate", "-i", "cli/src/test/resources/cli/validate/bad-connections.yml", "playbooks/auth-certificate.yml");

        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("ex01.corp.example", "ansible_port", "99999")
                .contains("ex02.corp.example", "credsssp")
                .contains("ex03.corp.example", "htps")
                .contains("nothing was changed").doesNotContain("Exception");
    }

    @Test
    void aMissingPlanFileIsNamedInWords() {
        Run run = run("apply", "-i", INVENTORY, "no-such-plan.json");

        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains("no-such-plan.json", "no such file", "hint: check the path").doesNotContain("--debug");
    }

    @Test
    void limitAndExtraVarsNarrowAndOverride() {
        Run run = run("validate", "-i", INVENTORY, "playbooks/examples/backend-binding.yml",
                "-e", "primary=ex02.corp.example", "--limit", "ex02.corp.example");
        assertThat(run.out()).isEqualTo("playbooks/examples/backend-binding.yml: valid: 1 play, 2 tasks, 3 handlers, 1 host\n");
        assertThat(run.code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void hostPatternsThatSelectNothingAndAPrimaryOutsideThePlayAreReported() {
        Path playbook = Path.of("cli/src/test/resources/cli/validate/wrong-hosts.yml");
        Run run = run("validate", "-i", INVENTORY, playbook.toString());
        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(String.join("\n",
                playbook + ":2:10: host pattern 'exchnage' matches no host or group of the inventory",
                "  hint: did you mean 'exchange'?",
                playbook + ":6:10: host pattern 'mailbox:&edge' selects no host of the inventory",
                "  hint: engine inventory -i INVENTORY --graph shows the groups and hosts",
                playbook + ":14:18: primary 'ex0l.corp.example' is not one of the 2 hosts this play selects",
                "  hint: did you mean 'ex01.corp.example'?",
                "3 errors found; nothing was changed.", ""));
    }

    @Test
    void everyProblemOfABrokenPlaybookIsPrintedWithItsPosition() {
        Path playbook = Path.of("core/src/test/resources/playbook/broken/many-plays.yml");
        Run run = run("validate", "-i", INVENTORY, playbook.toString());
        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains(
                playbook + ":8:9: unknown argument 'rotaton' for module 'exchange_auth_certificate'\n  hint: did you mean 'rotation'?\n",
                playbook + ":11:7: unknown module or task keyword 'app_pool_recyle'\n  hint: did you mean 'app_pool_recycle'?\n",
                playbook + ":14:15: 'port' of module 'exchange_backend_binding' must be between 1 and 65535; got the number 70000\n",
                "3 errors found; nothing was changed.");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void inventoryAndPlaybookProblemsAreReportedTogether() {
        Run run = run("validate", "-i", "does/not/exist.yml", "playbooks/missing.yml", "-e", "ok=1 bad");
        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains("does/not/exist.yml: inventory not found", "-e 'ok=1 bad': expected key=value, found 'bad'",
                "2 errors found; nothing was changed.");
    }

    @Test
    void warningsAreShownAndDoNotFailValidation(@TempDir Path dir) throws IOException {
        Path playbook = dir.resolve("p.yml");
        Files.writeString(playbook, "- hosts: mailbox\n  gather_facts: false\n  tasks:\n    - exchange_auth_certificate:\n");
        Run run = run("validate", "-i", INVENTORY, playbook.toString());
        assertThat(run.code()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEqualTo(playbook + ":2:3: warning: 'gather_facts' is ignored\n"
                + "  hint: authcert always gathers the Exchange facts it needs (one WinRM round trip per host); remove it\n");
        assertThat(run.out()).isEqualTo(playbook + ": valid: 1 play, 1 task, 0 handlers, 2 hosts\n");
    }

    @Test
    void helpShowsAnExample() {
        Run run = run("validate", "--help");
        assertThat(run.code()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Usage: engine validate", "engine validate -i inventory/production playbooks/auth-certificate.yml");
    }

    @Test
    void unreadableFilesSayWhyInWordsWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("binary.yml");
        Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        Run notUtf8 = run("validate", "-i", binary.toString(), "playbooks/auth-certificate.yml");
        Run directory = run("validate", "-i", INVENTORY, dir.toString());
        Run noLimitFile = run("validate", "-i", INVENTORY, "playbooks/auth-certificate.yml", "--limit", "@" + dir.resolve("none"));

        assertThat(notUtf8.code()).isEqualTo(ExitCode.ERROR);
        assertThat(notUtf8.err()).contains(binary + ": the inventory file is not UTF-8 text\n  hint: save it as UTF-8")
                .doesNotContain("Input length").doesNotContain("\tat ");
        assertThat(directory.code()).isEqualTo(ExitCode.ERROR);
        assertThat(directory.err()).contains(dir + ": the YAML file is a directory, not a file\n  hint: name the file inside it");
        assertThat(noLimitFile.code()).isEqualTo(ExitCode.ERROR);
        assertThat(noLimitFile.err()).contains(dir.resolve("none") + ": the --limit file is not there\n  hint: check the path");
    }
}
