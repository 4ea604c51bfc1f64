package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine apply} end to end: the engine over real WinRM against the embedded lab. The lab's
 * audit log (every command each server ran, in order) is the evidence.
 */
class ApplyIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private static List<AuditLog.Entry> entries(EmbeddedLab lab, String text) {
        return lab.audit().entries(e -> e.mentions(text));
    }

    private static long lastSeq(List<AuditLog.Entry> entries) {
        return entries.stream().mapToLong(AuditLog.Entry::seq).max().orElse(-1);
    }

    private static long firstSeq(List<AuditLog.Entry> entries) {
        return entries.stream().mapToLong(AuditLog.Entry::seq).min().orElse(Long.MAX_VALUE);
    }

    @Test
    void theExpiredOutageOnFiveServersHealsInOneApplyAndASecondApplyChangesNothing() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 5)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).signIn()).as("OWA sign-in on %s before", host).isEqualTo(500);
            }

            LabApplier.Outcome first = engine.apply(PLAYBOOK, "--report-json", dir.resolve("report.json").toString(),
                    "--junit", dir.resolve("junit.xml").toString());

            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(first.out()).contains("PLAY RECAP", "converged", "Verified.");
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).owa()).as("OWA on %s after", host).isEqualTo(200);
                assertThat(lab.healthOf(host).ecp()).as("ECP on %s after", host).isEqualTo(200);
            }
            // exactly one certificate made in the whole organisation
            assertThat(entries(lab, "New-ExchangeCertificate")).hasSize(1);
            // no restart or recycle on a server before the certificate is there: every server's first
            // restart comes after its last wait probe (which said ready: the run went on)
            long clear = firstSeq(entries(lab, "ClearPreviousCertificate"));
            for (String host : lab.hosts()) {
                List<AuditLog.Entry> own = lab.audit().of(host);
                long lastProbe = lastSeq(own.stream().filter(e -> e.mentions("is not in the store of")).toList());
                List<AuditLog.Entry> restarts = own.stream()
                        .filter(e -> e.mentions("Restart-WebAppPool") || e.mentions("Restart-Service")).toList();
                assertThat(lastProbe).as("%s was probed for the certificate", host).isPositive();
                assertThat(firstSeq(restarts.stream().filter(e -> e.mentions("Restart-WebAppPool")).toList()))
                        .as("%s recycles after the certificate reached it", host).isGreaterThan(lastProbe);
                // the previous certificate is cleared only after every server restarted
                assertThat(lastSeq(restarts)).as("%s restarted before the previous certificate was cleared", host).isLessThan(clear);
            }
            assertThat(clear).isNotEqualTo(Long.MAX_VALUE);
            assertThat(Files.readString(dir.resolve("junit.xml"))).contains("<testcase classname=\"ex05\"");
            assertThat(Files.readString(dir.resolve("report.json"))).contains("\"status\" : \"applied\"", "\"run_status\" : \"succeeded\"");

            long before = lastSeq(lab.audit().entries());
            LabApplier.Outcome second = engine.apply(PLAYBOOK);

            assertThat(second.exitCode()).as(second.all()).isZero();
            assertThat(second.out()).contains("No changes.");
            List<AuditLog.Entry> afterwards = lab.audit().entries(e -> e.seq() > before);
            assertThat(afterwards).isNotEmpty().noneMatch(e -> e.mentions("Set-AuthConfig") || e.mentions("New-ExchangeCertificate")
                    || e.mentions("Restart-Service") || e.mentions("Restart-WebAppPool") || e.mentions("Import-ExchangeCertificate"));
        }
    }

    @Test
    void aServerThatFailsMidRolloutStopsTheOthersAtTheBarrierAndARerunConverges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            lab.faults("ex02").failCmdlet("Restart-Service", "Service 'Microsoft Exchange Service Host' cannot be started.");

            LabApplier.Outcome failed = engine.apply(PLAYBOOK);

            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.out()).contains("ex02 failed", "max_fail_percentage");
            // ex03 comes in the batch after ex02 (serial: 1): it is stopped at the barrier
            assertThat(lab.audit().of("ex03")).noneMatch(e -> e.mentions("Restart-WebAppPool"));
            // nothing organisation-wide after the failure
            assertThat(entries(lab, "ClearPreviousCertificate")).isEmpty();

            lab.faults("ex02").clear();
            LabApplier.Outcome rerun = engine.apply(PLAYBOOK);

            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(entries(lab, "New-ExchangeCertificate")).as("the rerun reuses the certificate").hasSize(1);
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).healthy()).as("%s healthy after the rerun", host).isTrue();
            }
        }
    }

    @Test
    void withoutATerminalNothingIsAppliedWithoutAutoApprove() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome refused = engine.engine("apply", "-i", lab.inventoryFile().toString(), PLAYBOOK,
                    "--state-dir", dir.resolve("state").toString());

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("not applying without confirmation", "--auto-approve");
            assertThat(refused.out()).contains("create_certificate");
            assertThat(lab.audit().entries()).noneMatch(e -> e.mentions("New-ExchangeCertificate") || e.mentions("Set-AuthConfig"));
        }
    }

    @Test
    void aSavedPlanAppliesExactlyAndAStaleOneIsRefusedWithTheDifferenceNamed() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("staged", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String inventory = lab.inventoryFile().toString();
            Path facts = dir.resolve("facts");
            assertThat(engine.engine("facts", "-i", inventory, "--save", facts.toString()).exitCode()).isZero();
            Path stalePlan = dir.resolve("stale.json");
            LabApplier.Outcome planned = engine.engine("plan", "-i", inventory, PLAYBOOK, "--facts", facts.toString(),
                    "--out", stalePlan.toString());
            assertThat(planned.exitCode()).as(planned.all()).isZero();
            assertThat(planned.out()).contains("wait_for_certificate");

            // the world moves on after the review: OWA on ex02 restarts
            lab.organisation().restartAppPool(lab.organisation().server("ex02").orElseThrow(), "MSExchangeOWAAppPool");
            long before = lastSeq(lab.audit().entries());
            LabApplier.Outcome refused = engine.engine("apply", "-i", inventory, stalePlan.toString(), "--auto-approve",
                    "--state-dir", dir.resolve("state").toString(), "--poll-interval", "1m");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("is stale", "the facts changed since the plan was made", "make a new plan");
            assertThat(lab.audit().entries(e -> e.seq() > before))
                    .as("a refused plan changes nothing").noneMatch(e -> e.mentions("Restart-Service") || e.mentions("Set-AuthConfig"));

            assertThat(engine.engine("facts", "-i", inventory, "--save", facts.toString()).exitCode()).isZero();
            Path plan = dir.resolve("plan.json");
            assertThat(engine.engine("plan", "-i", inventory, PLAYBOOK, "--facts", facts.toString(), "--out", plan.toString())
                    .exitCode()).isZero();
            LabApplier.Outcome applied = engine.engine("apply", "-i", inventory, plan.toString(), "--auto-approve",
                    "--state-dir", dir.resolve("state").toString(), "--poll-interval", "1m", "--nudge-interval", "10m");

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged");
            String next = lab.organisation().authConfigInDirectory().nextThumbprint();
            for (String host : lab.hosts()) {
                assertThat(lab.organisation().certificateOn(lab.organisation().server(host).orElseThrow(), next))
                        .as("the staged certificate reached %s", host).isPresent();
                assertThat(lab.healthOf(host).healthy()).as("%s stays healthy while staging", host).isTrue();
            }
            assertThat(entries(lab, "New-ExchangeCertificate")).as("the staged certificate is reused").isEmpty();
        }
    }

    @Test
    void theExpiringCertificateIsStagedWithoutAnOutageAndALaterRunAfterItsDatePublishesRecyclesAndClears() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expiring", 3)) {
            List<String> unhealthy = new java.util.concurrent.CopyOnWriteArrayList<>();
            LabApplier engine = new LabApplier(lab, dir.resolve("state")).whileWaiting(() -> lab.hosts().forEach(h -> {
                if (!lab.healthOf(h).healthy()) {
                    unhealthy.add(h + " at " + lab.clock().instant());
                }
            }));

            LabApplier.Outcome staged = engine.apply(PLAYBOOK);

            assertThat(staged.exitCode()).as(staged.all()).isZero();
            assertThat(entries(lab, "New-ExchangeCertificate")).hasSize(1);
            assertThat(entries(lab, "Restart-WebAppPool")).as("staging needs no recycle").isEmpty();
            assertThat(entries(lab, "PublishCertificate")).isEmpty();
            var auth = lab.organisation().authConfigInDirectory();
            assertThat(auth.nextThumbprint()).isNotNull();
            assertThat(auth.nextEffectiveDate()).isAfterOrEqualTo(lab.clock().instant().plus(java.time.Duration.ofHours(48)));
            lab.hosts().forEach(h -> assertThat(lab.healthOf(h).healthy()).as("%s healthy after staging", h).isTrue());
            assertThat(unhealthy).as("OWA healthy throughout").isEmpty();

            lab.clock().advance(java.time.Duration.between(lab.clock().instant(), auth.nextEffectiveDate()).plusHours(1));
            long before = lastSeq(lab.audit().entries());
            LabApplier.Outcome later = engine.apply(PLAYBOOK);

            assertThat(later.exitCode()).as(later.all()).isZero();
            assertThat(lab.organisation().authConfigInDirectory().currentThumbprint()).isEqualTo(auth.nextThumbprint());
            assertThat(lab.organisation().authConfigInDirectory().previousThumbprint()).isNull();
            List<AuditLog.Entry> run = lab.audit().entries(e -> e.seq() > before);
            long clear = firstSeq(run.stream().filter(e -> e.mentions("ClearPreviousCertificate")).toList());
            for (String host : lab.hosts()) {
                List<AuditLog.Entry> recycles = run.stream().filter(e -> e.server().equalsIgnoreCase(host)
                        && e.mentions("Restart-WebAppPool")).toList();
                // one command may carry several steps of a host (docs/apply.md): both pools recycled, in whatever commands
                assertThat(recycles.stream().map(AuditLog.Entry::script).collect(java.util.stream.Collectors.joining("\n")))
                        .as("%s recycled OWA and ECP", host)
                        .contains("Restart-WebAppPool -Name 'MSExchangeOWAAppPool'", "Restart-WebAppPool -Name 'MSExchangeECPAppPool'");
                assertThat(lastSeq(recycles)).as("%s recycled before the previous certificate was cleared", host).isLessThan(clear);
                assertThat(lab.healthOf(host).healthy()).isTrue();
            }
            assertThat(unhealthy).as("OWA healthy throughout").isEmpty();
        }
    }

    /** missing-on-some only distributes the current certificate; multi-site (45 days left) also stages a new one. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} with {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "missing-on-some, playbooks/auth-certificate.yml,          0",
        "missing-on-some, playbooks/examples/staged-import.yml,    0",
        "multi-site,      playbooks/auth-certificate.yml,          1",
        "multi-site,      playbooks/examples/staged-import.yml,    1",
    })
    void missingOnSomeAndMultiSiteConvergeByWaitingOrByImport(String scenario, String playbook, int creates) throws Exception {
        try (EmbeddedLab lab = LabApplier.start(scenario, 4)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome applied = engine.apply(playbook);

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged");
            assertThat(entries(lab, "New-ExchangeCertificate")).as("certificates created").hasSize(creates);
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).healthy()).as("%s healthy", host).isTrue();
            }
            LabApplier.Outcome again = engine.apply(playbook);
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("No changes.");
        }
    }

    /**
     * A step runs but the engine never hears back (the certificate made on the primary; the first
     * organisation-wide Set-AuthConfig): it must not be sent again (it may have run), but the facts are
     * gathered again and the run goes on from what is true.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "lost answer to {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"New-ExchangeCertificate", "Set-AuthConfig"})
    void aLostResponseIsAnsweredByGatheringFactsNotByRunningItAgain(String cmdlet) throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            lab.hosts().forEach(h -> lab.faults(h).loseResponseOn(cmdlet));

            LabApplier.Outcome applied = engine.apply(PLAYBOOK, "--report-json", dir.resolve("report.json").toString());

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged", "Verified.");
            // ran once, its answer lost, and never sent again
            List<AuditLog.Entry> lost = lab.audit().entries(e -> e.delivery().equals("LOSE_RESPONSE"));
            assertThat(lost).singleElement().satisfies(e -> assertThat(e.mentions(cmdlet)).isTrue());
            AuditLog.Entry lostOne = lost.get(0);
            assertThat(lostOne.exitCode()).as("the command ran to its end").isZero();
            assertThat(lab.audit().entries(e -> e.script().equals(lostOne.script()))).as("sent exactly once").hasSize(1);
            assertThat(entries(lab, "New-ExchangeCertificate")).as("exactly one certificate made").hasSize(1);
            // facts gathered again on that host after the lost answer, before anything else changed there
            List<AuditLog.Entry> after = lab.audit().of(lostOne.server()).stream().filter(e -> e.seq() > lostOne.seq()).toList();
            assertThat(after).isNotEmpty();
            assertThat(after.get(0).script()).as("the first command on %s after the lost answer", lostOne.server())
                    .contains("authcert fact gathering");
            // and the run went on from what is true: the certificate made is the one now in use
            String current = lab.organisation().authConfigInDirectory().currentThumbprint();
            for (String host : lab.hosts()) {
                assertThat(lab.organisation().certificateOn(lab.organisation().server(host).orElseThrow(), current))
                        .as("the certificate in use is on %s", host).isPresent();
                assertThat(lab.healthOf(host).owa()).as("OWA on %s after", host).isEqualTo(200);
                assertThat(lab.healthOf(host).ecp()).as("ECP on %s after", host).isEqualTo(200);
            }
            assertThat(Files.readString(dir.resolve("report.json"))).contains("\"replans\"", "after a lost response");
        }
    }
}
