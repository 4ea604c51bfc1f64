package io.authcert.cli;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.FactsDocument;
import io.authcert.plan.FactsBuilder;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine plan} end to end on captured facts: the shipped playbook, a small inventory, exit codes. */
class PlanCommandTest {

    @TempDir
    Path dir;

    private Path inventory;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void inventory() throws IOException {
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n        ex02:\n        ex03:\n");
    }

    private int run(String... args) {
        return Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
    }

    private Path facts(FactsBuilder b) throws IOException {
        Path factsDir = dir.resolve("facts");
        FactsDocument.save(b.build(), factsDir);
        return factsDir;
    }

    private static FactsBuilder expired() {
        return new FactsBuilder().hosts("ex01", "ex02", "ex03")
                .authCert(tp("OLD"), NOW.minus(Duration.ofDays(1900)), NOW.minus(Duration.ofDays(1)))
                .auth(tp("OLD"), null, null, null);
    }

    @Test
    void changesPendingExitTwoWithDetailedExitCode() throws IOException {
        Path facts = facts(expired());
        int code = run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString(), "--detailed-exitcode");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.CHANGES);
        assertThat(out.toString()).contains("Phase 1: create certificate").contains("(rolling, serial 1)")
                .contains("Plan: 1 to create, 2 to change, 9 to restart, 1 to remove (3 waits).");
        out.getBuffer().setLength(0);
        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString())).isEqualTo(ExitCode.OK);
    }

    @Test
    void factsFromASimulatedClockArePlannedAtTheirOwnTimeAndTheTimeIsPrinted() throws IOException {
        io.authcert.facts.Facts gathered = expired().build();
        java.util.Map<String, io.authcert.facts.HostFacts> simulated = new java.util.LinkedHashMap<>();
        gathered.hosts().forEach((name, h) -> simulated.put(name, h.onSimulatedClock(NOW)));
        Path factsDir = dir.resolve("simulated");
        Path file = FactsDocument.save(new io.authcert.facts.Facts(simulated), factsDir);
        assertThat(Files.readString(file)).contains("\"clock\" : \"simulated\"");

        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", factsDir.toString(),
                "--format", "json")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("Planning at " + NOW + ", when these facts were gathered on the organisation's"
                + " simulated clock");
        String own = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", factsDir.toString(),
                "--format", "json", "--now", NOW.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).as("the same plan as --now at the facts' time").isEqualTo(own);
        assertThat(err.toString()).contains("Planning at " + NOW + " (--now).");

        err.getBuffer().setLength(0);
        Path engineFacts = facts(expired());
        assertThat(Files.readString(engineFacts.resolve(FactsDocument.FILE_NAME))).doesNotContain("\"clock\"");
        run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", engineFacts.toString());
        assertThat(err.toString()).contains(", the engine's clock (--now to plan at another time).");
    }

    @Test
    void nothingToDoExitsZero() throws IOException {
        Path facts = facts(FactsBuilder.healthy("ex01", "ex02", "ex03"));
        int code = run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString(), "--detailed-exitcode");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("No changes.");
    }

    @Test
    void aServerOutsideTheInventoryExitsThreeWithDetailedExitCodeUntilItIsIgnored() throws IOException {
        Path facts = facts(FactsBuilder.healthy("ex01", "ex02", "ex03").outside("ex04"));
        String[] plan = {"plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
            "--now", NOW.toString(), "--detailed-exitcode"};

        assertThat(run(plan)).as(err.toString()).isEqualTo(ExitCode.NEEDS_HUMAN);
        assertThat(out.toString()).contains("but the organisation is not known to be healthy", "! EX04 (ex04.contoso.test",
                "--ignore-server EX04");
        out.getBuffer().setLength(0);
        String[] ignoring = java.util.Arrays.copyOf(plan, plan.length + 2);
        ignoring[plan.length] = "--ignore-server";
        ignoring[plan.length + 1] = "ex04";
        assertThat(run(ignoring)).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("No changes.", "- EX04 (ex04.contoso.test", "ignored on purpose");
    }

    @Test
    void anIgnoredNameThatIsNoServerNameIsBadInput() throws IOException {
        Path facts = facts(FactsBuilder.healthy("ex01", "ex02", "ex03"));

        int code = run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--ignore-server", "ex04; Remove-Item");

        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("--ignore-server", "not a server name: 'ex04; Remove-Item'");
    }

    @Test
    void nowPlansAnotherMoment() throws IOException {
        Path facts = facts(FactsBuilder.healthy("ex01", "ex02", "ex03"));
        String later = NOW.plus(Duration.ofDays(950)).toString();
        int code = run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", later, "--detailed-exitcode", "--format", "markdown");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.CHANGES);
        assertThat(out.toString()).contains("### authcert plan").contains("`stage_next_certificate`");
    }

    @Test
    void outWritesTheJsonThatApplyReads() throws IOException {
        Path facts = facts(expired());
        Path planFile = dir.resolve("plan.json");
        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString(), "--out", planFile.toString(), "--limit", "ex01:ex02")).as(err.toString()).isZero();
        Plan plan = PlanJson.read(Files.readString(planFile), planFile.toString());
        assertThat(plan.hosts()).containsExactly("ex01", "ex02");
        assertThat(out.toString()).contains("engine apply " + planFile);
        out.getBuffer().setLength(0);
        run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString(), "--format", "json", "--limit", "ex01:ex02");
        assertThat(out.toString()).isEqualTo(Files.readString(planFile));
    }

    @Test
    void aStopIsReportedWithItsReasonAndExitsOne() throws IOException {
        Path facts = facts(expired().hybrid("ex02"));
        int code = run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", NOW.toString());
        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("cannot plan").contains("hybrid").contains("hint: set 'hybrid: acknowledge'")
                .doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badInputIsAnErrorWithAHint() throws IOException {
        Path facts = facts(expired());
        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts", facts.toString(),
                "--now", "tuesday")).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("not an ISO-8601 instant: tuesday").contains("hint:");
        err.getBuffer().setLength(0);
        assertThat(run("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml", "--facts",
                dir.resolve("nowhere").toString())).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("no captured facts here");
    }

    @Test
    void withoutFactsItGathersAndAnUnreachableServerStopsThePlan() throws IOException {
        Path inv = dir.resolve("unreachable.yml");
        Files.writeString(inv, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n          ansible_host: 127.0.0.1\n"
                + "          ansible_port: 1\n          ansible_user: admin\n          ansible_password: pw\n"
                + "          ansible_winrm_scheme: http\n          ansible_winrm_transport: ntlm\n");
        int code = run("plan", "-i", inv.toString(), "playbooks/auth-certificate.yml", "--now", NOW.toString());
        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("cannot plan").contains("ex01: unreachable").contains("unreachable: skip")
                .doesNotContain("pw").doesNotContain("Basic over plain HTTP");
    }

    @Test
    void basicOverPlainHttpIsRefusedUnlessTheHostOptsInAndThenEveryRunWarnsNamingTheHosts() throws IOException {
        String host = "          ansible_host: 127.0.0.1\n          ansible_port: 1\n          ansible_user: admin\n"
                + "          ansible_password: pw\n          ansible_winrm_scheme: http\n";
        Path refused = dir.resolve("basic.yml");
        Files.writeString(refused, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n" + host);
        assertThat(run("plan", "-i", refused.toString(), "playbooks/auth-certificate.yml", "--now", NOW.toString()))
                .isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("Basic authentication over plain HTTP is refused")
                .contains("ansible_winrm_transport: ntlm with a domain account", "HTTPS", "authcert_allow_basic_over_http: true")
                .contains("ex01: unreachable: cannot connect as configured").doesNotContain("warning: Basic")
                .doesNotContain("pw\n");

        err.getBuffer().setLength(0);
        Path optedIn = dir.resolve("basic-opted-in.yml");
        Files.writeString(optedIn, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n" + host
                + "          authcert_allow_basic_over_http: true\n        ex02:\n" + host
                + "          authcert_allow_basic_over_http: true\n        ex03:\n" + host
                + "          ansible_winrm_transport: ntlm\n");
        assertThat(run("plan", "-i", optedIn.toString(), "playbooks/auth-certificate.yml", "--now", NOW.toString()))
                .isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains("warning: Basic over plain HTTP to ex01, ex02 (authcert_allow_basic_over_http:"
                        + " true): the password and every script travel readable on the network")
                .contains("hint: use ansible_winrm_transport: ntlm with a domain account")
                .contains("ex01: unreachable").doesNotContain("to ex01, ex02, ex03");
    }
}
