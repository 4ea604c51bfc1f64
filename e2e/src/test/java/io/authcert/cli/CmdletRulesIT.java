package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import io.authcert.lab.exchange.AuthConfig;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exchange's own rules for Set-AuthConfig, the AuthAdmin servicelet and the app pools, end to end: the
 * engine over real WinRM against labs that keep to them (docs/exchange.md, "Cmdlet and servicelet rules").
 */
class CmdletRulesIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private Path scenario(String name, String yaml) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void onServersFiveAndAHalfHoursAheadOfUtcTheStagedDateIsTheInstantThePlanMeant() throws Exception {
        Path india = scenario("india", """
                description: 20 days left, servers on India Standard Time
                servers: {time_zone: Asia/Kolkata, service_host_started: -6h, app_pools_started: -6h}
                certificates:
                  - {id: auth, subject: CN=Microsoft Exchange Server Auth Certificate, friendly_name: Microsoft Exchange Server Auth Certificate,
                     not_before: -1805d, not_after: +20d, services: SMTP, exportable: true, on: [all]}
                  - {id: exchange, per_server: true, subject: "CN={server}", friendly_name: Microsoft Exchange,
                     domains: ["{server}", "{fqdn}"], not_after: +800d, services: "IMAP, POP, IIS, SMTP", on: [all], backend_binding: true}
                auth_config: {current: auth}
                winrm: {basic: true, allow_unencrypted: true}
                """);
        try (EmbeddedLab lab = LabApplier.start(india.toString(), 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome staged = engine.apply(PLAYBOOK);

            assertThat(staged.exitCode()).as(staged.all()).isZero();
            AuditLog.Entry stage = lab.audit().entries(e -> e.mentions("NewCertificateEffectiveDate")).get(0);
            Instant effective = lab.organisation().authConfigInDirectory().nextEffectiveDate();
            // 20 days left: staged 4 days ahead (Microsoft's shortening), counted from the moment of the call
            assertThat(effective).isEqualTo(stage.time().plus(Duration.ofDays(4)));
            // and the server shows it as its local time of that instant
            String shown = new String(lab.host("ex02").runScript("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n"
                    + "(Get-AuthConfig).NextCertificateEffectiveDate.ToString('o')\n").stdout(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertThat(shown).endsWith("+05:30");
            assertThat(java.time.OffsetDateTime.parse(shown).toInstant()).isEqualTo(effective);
        }
    }

    @Test
    void poolsThatStartedBeforeThePublishAreRecycledThoughTheyStartedLongAfterTheCertificatesNotBefore() throws Exception {
        Path published = scenario("published", """
                description: the current certificate was published two hours ago, after OWA and ECP started
                servers: {service_host_started: -1d, app_pools_started: -6h}
                certificates:
                  - {id: old, subject: CN=Microsoft Exchange Server Auth Certificate, not_before: -1500d, not_after: +300d,
                     services: SMTP, exportable: true, on: [all]}
                  - {id: auth, subject: CN=Microsoft Exchange Server Auth Certificate, not_before: -3d, not_after: +1800d,
                     services: SMTP, exportable: true, on: [all]}
                  - {id: exchange, per_server: true, subject: "CN={server}", friendly_name: Microsoft Exchange,
                     domains: ["{server}", "{fqdn}"], not_after: +800d, services: "IMAP, POP, IIS, SMTP", on: [all], backend_binding: true}
                auth_config: {current: auth, previous: old, published: -2h}
                winrm: {basic: true, allow_unencrypted: true}
                """);
        try (EmbeddedLab lab = LabApplier.start(published.toString(), 3)) {
            Organisation org = lab.organisation();
            AuthConfig before = org.authConfigInDirectory();
            for (ExchangeServer s : org.servers()) {
                assertThat(org.appPool(s, "MSExchangeOWAAppPool").orElseThrow().cachedThumbprint())
                        .as("%s's OWA still signs with the previous certificate", s.name()).isEqualTo(before.previousThumbprint());
            }
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome applied = engine.apply(PLAYBOOK);

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("became current (2026-11-26T02:00:00Z, event 2014)");
            for (ExchangeServer s : org.servers()) {
                for (String pool : List.of("MSExchangeOWAAppPool", "MSExchangeECPAppPool")) {
                    assertThat(org.appPool(s, pool).orElseThrow().cachedThumbprint()).as("%s %s", s.name(), pool)
                            .isEqualTo(before.currentThumbprint());
                }
            }
            assertThat(org.authConfigInDirectory().previousThumbprint()).isNull();
            LabApplier.Outcome again = engine.apply(PLAYBOOK);
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("No changes.");
        }
    }

    @Test
    void aLabRunningAnHourASecondIsRehearsedOnItsOwnClockFromItsInventory() throws Exception {
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(3600).withInventoryFile(dir.resolve("lab.yml"));
        try (EmbeddedLab lab = EmbeddedLab.start("staged", 3, options)) {
            String inventory = Files.readString(lab.inventoryFile());
            assertThat(inventory).contains("exchange_clock: 'simulated'", "exchange_clock_speed: 3600");
            Path withoutClock = dir.resolve("no-clock.yml");
            Files.writeString(withoutClock, inventory.replaceAll("(?m)^  vars:\\n(    .*\\n)+", ""));

            // Without the variables the lab's clock, hours ahead, is taken for skew, as before.
            Run skewed = engine("plan", "-i", withoutClock.toString(), PLAYBOOK);
            assertThat(skewed.code()).as(skewed.all()).isEqualTo(1);
            assertThat(skewed.err()).contains("off the engine's clock");

            // With them: staged next on ex01 only, so the apply brings it to the others (nudging their Service Host).
            Run distributed = engine("apply", "-i", lab.inventoryFile().toString(), PLAYBOOK, "--auto-approve",
                    "--state-dir", dir.resolve("state").toString());
            assertThat(distributed.code()).as(distributed.all()).isZero();
            AuthConfig staged = lab.organisation().authConfigInDirectory();
            for (ExchangeServer s : lab.organisation().servers()) {
                assertThat(lab.organisation().certificateOn(s, staged.nextThumbprint())).as("next on %s", s.name()).isPresent();
            }

            // Two days on, the servicelet's next 12-hour run publishes it: seconds of real time.
            lab.clock().advance(Duration.between(lab.clock().instant(), staged.nextEffectiveDate()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (staged.nextThumbprint().equals(lab.organisation().authConfigInDirectory().nextThumbprint())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(lab.organisation().authConfigInDirectory().currentThumbprint()).isEqualTo(staged.nextThumbprint());

            Run published = engine("apply", "-i", lab.inventoryFile().toString(), PLAYBOOK, "--auto-approve",
                    "--state-dir", dir.resolve("state").toString());
            assertThat(published.code()).as(published.all()).isZero();
            assertThat(published.out()).contains("event 2014", "Verified.");
            assertThat(lab.organisation().authConfigInDirectory().previousThumbprint()).isNull();
            for (ExchangeServer s : lab.organisation().servers()) {
                assertThat(lab.organisation().appPool(s, "MSExchangeOWAAppPool").orElseThrow().cachedThumbprint())
                        .isEqualTo(staged.nextThumbprint());
            }
        }
    }

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** The engine as a user runs it: the real clock and real sleeps. */
    private static Run engine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return new Run(code, out.toString(), err.toString());
    }
}
