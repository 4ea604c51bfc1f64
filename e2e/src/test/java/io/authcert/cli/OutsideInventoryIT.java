package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server of the organisation that the inventory leaves out (lab scenario "outside-inventory": the
 * seed's outage on ex01..ex04, the inventory lists ex01 and ex02; ex03 is a Mailbox server, ex04 an
 * Edge Transport server). The engine, over real WinRM, repairs what its plan covers, holds back
 * clearing the previous certificate, names ex03 and exits 3; told that ex03 is left out on purpose,
 * it converges.
 */
class OutsideInventoryIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private static List<AuditLog.Entry> entries(EmbeddedLab lab, String text) {
        return lab.audit().entries(e -> e.mentions(text));
    }

    @Test
    void theRunStopsBeforeClearingPreviousNamesTheServerAndWithTheOptionConverges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("outside-inventory", 4)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome held = engine.apply(PLAYBOOK);

            assertThat(held.exitCode()).as(held.all()).isEqualTo(ExitCode.NEEDS_HUMAN);
            assertThat(held.out()).contains("Held back (needs a person):", "! clear_previous_certificate on ex01",
                    "EX03 (ex03.contoso.local, site Default-First-Site-Name, Mailbox, Version 15.2 (Build 1544.4)): not checked",
                    "--ignore-server EX03", "needs a person: the verdict: organisation Contoso is not known to be healthy: EX03 is outside this plan")
                    .as("ex04 is an Edge server: it needs no Auth certificate").doesNotContain("EX04 (");
            assertThat(entries(lab, "ClearPreviousCertificate")).as("previous is kept").isEmpty();
            assertThat(lab.organisation().authConfigInDirectory().previousThumbprint()).isNotNull();
            assertThat(entries(lab, "New-ExchangeCertificate")).hasSize(1);
            assertThat(entries(lab, "PublishCertificate")).as("the expired certificate was replaced: ex03 was broken anyway")
                    .hasSize(1);
            for (String host : List.of("ex01", "ex02")) {
                assertThat(lab.healthOf(host).healthy()).as("%s repaired", host).isTrue();
            }
            assertThat(lab.audit().of("ex03")).as("nothing ran on a server the inventory lacks").isEmpty();
            assertThat(lab.audit().of("ex04")).isEmpty();

            LabApplier.Outcome ignoring = engine.apply(PLAYBOOK, "--ignore-server", "EX03");

            assertThat(ignoring.exitCode()).as(ignoring.all()).isZero();
            assertThat(ignoring.out()).contains("- EX03 (ex03.contoso.local", "ignored on purpose (--ignore-server)",
                    "- clear_previous_certificate auth_config on ex01", "converged", "Verified.");
            assertThat(entries(lab, "ClearPreviousCertificate")).hasSize(1);
            assertThat(lab.organisation().authConfigInDirectory().previousThumbprint()).isNull();
            assertThat(entries(lab, "New-ExchangeCertificate")).as("nothing made twice").hasSize(1);
            assertThat(lab.audit().of("ex03")).isEmpty();
        }
    }

    @Test
    void thePlanShowsTheServerInEveryFormAndASavedPlanKeepsItsException() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("outside-inventory", 4)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String inventory = lab.inventoryFile().toString();

            LabApplier.Outcome json = engine.engine("plan", "-i", inventory, PLAYBOOK, "--format", "json", "--detailed-exitcode");
            assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCode.NEEDS_HUMAN);
            assertThat(json.out()).contains("\"needs_human\" : true", "\"outside_servers\" : [", "\"name\" : \"EX03\"",
                    "\"ignored\" : false", "\"held\" : [", "\"clear_previous_certificate\"").doesNotContain("\"EX04\"");
            LabApplier.Outcome markdown = engine.engine("plan", "-i", inventory, PLAYBOOK, "--format", "markdown");
            assertThat(markdown.exitCode()).as(markdown.all()).isZero();
            assertThat(markdown.out()).contains("#### Held back (needs a person)", "- [ ] `clear_previous_certificate` on ex01",
                    "#### Servers of the organisation outside this plan", "- **EX03 (ex03.contoso.local");

            LabApplier.Outcome typo = engine.engine("plan", "-i", inventory, PLAYBOOK, "--ignore-server", "EX09");
            assertThat(typo.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(typo.err()).contains("--ignore-server EX09 names no Exchange server of organisation",
                    "EX01, EX02, EX03, EX04");

            Path plan = dir.resolve("plan.json");
            LabApplier.Outcome planned = engine.engine("plan", "-i", inventory, PLAYBOOK, "--ignore-server", "ex03.contoso.local",
                    "--out", plan.toString(), "--detailed-exitcode");
            assertThat(planned.exitCode()).as(planned.all()).isEqualTo(ExitCode.CHANGES);
            assertThat(planned.out()).contains("- EX03 (", "ignored on purpose", "- clear_previous_certificate");

            LabApplier.Outcome twice = engine.engine("apply", "-i", inventory, plan.toString(), "--auto-approve",
                    "--ignore-server", "EX03", "--state-dir", dir.resolve("state").toString());
            assertThat(twice.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(twice.err()).contains("a saved plan ignores exactly the servers it was planned with");

            LabApplier.Outcome applied = engine.engine("apply", "-i", inventory, plan.toString(), "--auto-approve",
                    "--state-dir", dir.resolve("state").toString(), "--poll-interval", "1m", "--health-timeout", "30m");
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged", "Verified.");
            assertThat(entries(lab, "ClearPreviousCertificate")).hasSize(1);
        }
    }
}
