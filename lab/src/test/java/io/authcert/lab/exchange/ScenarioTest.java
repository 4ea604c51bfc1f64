package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.wsman.LabAccounts;
import io.authcert.lab.wsman.WinRmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");

    static java.util.List<String> shipped() {
        return Scenario.SHIPPED;
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedScenarioBuildsWithADescription(String name) {
        Scenario s = Scenario.load(name);
        assertThat(s.description()).isNotBlank();
        Organisation org = s.build(s.defaultServers(), SimClock.frozen(START));
        assertThat(org.servers()).hasSize(s.defaultServers());
        assertThat(org.servers().get(0).name()).isEqualTo("ex01");
    }

    /** As a real organisation is: servers at WinRM's defaults, an Exchange administrator in the CONTOSO domain. */
    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedScenarioIsAtWinRmsDefaultsWithTheDomainAdministrator(String name) {
        Scenario s = Scenario.load(name);
        WinRmConfig ex01 = s.winrm().forServer("ex01");
        assertThat(ex01.basic()).as("Auth/Basic").isFalse();
        assertThat(ex01.allowUnencrypted()).as("AllowUnencrypted").isFalse();
        assertThat(ex01.challenges()).containsExactly("Negotiate", "Kerberos");
        assertThat(s.winrm().perServer()).isEmpty();
        LabAccounts accounts = s.accounts();
        assertThat(accounts.resolve("ex01", "CONTOSO", "administrator")).hasValueSatisfying(a -> {
            assertThat(a.password()).isEqualTo(EmbeddedLab.Options.DEFAULT_PASSWORD);
            assertThat(a.groups()).contains("Organization Management", "Administrators");
        });
        assertThat(accounts.resolve("ex01", null, "administrator@contoso.local")).isPresent();
        assertThat(accounts.resolve("ex01", null, "administrator")).as("the local Administrator")
                .hasValueSatisfying(a -> assertThat(a.domain()).isNull());
    }

    @Test
    void expiringHasTwentyDaysLeft() {
        Organisation org = Scenario.load("expiring").build(2, SimClock.frozen(START));
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        String current = org.authConfigSeenBy(ex01).currentThumbprint();
        ExchangeCertificate c = org.certificateOn(ex01, current).orElseThrow();
        assertThat(Duration.between(START, c.notAfter()).toDays()).isEqualTo(20);
        assertThat(org.healthy(ex01)).isTrue();
    }

    @Test
    void multiSiteAlternatesSitesAndWithEdgeMakesTheLastServerEdge() {
        Organisation multi = Scenario.load("multi-site").build(4, SimClock.frozen(START));
        assertThat(multi.servers()).extracting(s -> s.site().name())
                .containsExactly("Default-First-Site-Name", "Branch-Site", "Default-First-Site-Name", "Branch-Site");
        Organisation edge = Scenario.load("with-edge").build(3, SimClock.frozen(START));
        assertThat(edge.servers()).extracting(ExchangeServer::isEdge).containsExactly(false, false, true);
        assertThat(Scenario.load("hybrid").build(1, SimClock.frozen(START)).hybrid()).isPresent();
        assertThat(Scenario.load("healthy").build(1, SimClock.frozen(START)).hybrid()).isEmpty();
    }

    @Test
    void faultsComeFromTheScenario(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, """
                description: healthy but ex02 is slow and refuses Set-AuthConfig
                certificates:
                  - id: auth
                    subject: CN=Microsoft Exchange Server Auth Certificate
                    not_after: +300d
                    on: [all]
                auth_config:
                  current: auth
                faults:
                  ex02:
                    latency: 250ms
                    fail_cmdlet: {Set-AuthConfig: "Active Directory operation failed on dc01."}
                    fault_500_on: [Get-ExchangeCertificate]
                    lose_response_on: [Set-AuthConfig]
                    certificate_copy_stalled: true
                    kerberos_tickets_expired: 2026-11-26T03:00:00Z
                  first:
                    kerberos_tickets_expired: true
                  last:
                    unreachable: true
                """);
        Instant loading = Instant.now();
        Organisation org = Scenario.load(file.toString()).build(3, SimClock.frozen(START));
        Instant loaded = Instant.now();
        HostFaults ex02 = org.server("ex02").orElseThrow().faults();
        assertThat(ex02.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(ex02.certificateCopyStalled()).isTrue();
        assertThat(ex02.failureOf("set-authconfig")).contains("Active Directory operation failed on dc01.");
        assertThat(ex02.faults500On("Get-ExchangeCertificate")).isTrue();
        assertThat(ex02.loseResponseCmdlets()).containsExactly("set-authconfig");
        assertThat(ex02.kerberosTicketsExpiredBefore()).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
        // true: tickets issued until the scenario was applied, on the wall clock (the KDC's), not the lab's frozen one
        assertThat(org.server("ex01").orElseThrow().faults().kerberosTicketsExpiredBefore())
                .isBetween(loading, loaded);
        assertThat(org.server("ex03").orElseThrow().faults().kerberosTicketsExpiredBefore()).isNull();
        assertThat(org.server("ex03").orElseThrow().faults().unreachable()).isTrue();
        assertThat(org.server("ex01").orElseThrow().faults().unreachable()).isFalse();
        ex02.clear();
        assertThat(ex02.kerberosTicketsExpiredBefore()).isNull();
    }

    @Test
    void badScenariosSayWhatIsWrong(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Scenario.load("no-such-scenario"))
                .hasMessageContaining("no scenario named 'no-such-scenario'").hasMessageContaining("healthy, expiring");
        assertThatThrownBy(() -> Scenario.parse("x", "descripton: typo\n")).hasMessageContaining("unknown key 'descripton'");
        assertThatThrownBy(() -> Scenario.parse("x", "faults: {ex01: {latncy: 1s}}\n").build(1, SimClock.frozen(START)))
                .hasMessageContaining("unknown fault 'latncy'").hasMessageContaining("kerberos_tickets_expired");
        assertThatThrownBy(() -> Scenario.parse("x", "faults: {ex01: {kerberos_tickets_expired: soon}}\n")
                .build(1, SimClock.frozen(START))).hasMessageContaining("kerberos_tickets_expired is true, false or an instant");
        assertThatThrownBy(() -> Scenario.duration("20 days", "not_after")).hasMessageContaining("'20 days' is not a duration");
        assertThatThrownBy(() -> Scenario.parse("x", "a: 1\na: 2\n")).hasMessageContaining("Duplicate");
    }

    @Test
    void durationsAreRelativeAndSigned() {
        assertThat(Scenario.duration("+20d", "x")).isEqualTo(Duration.ofDays(20));
        assertThat(Scenario.duration("-1d12h", "x")).isEqualTo(Duration.ofHours(-36));
        assertThat(Scenario.duration("90m", "x")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Scenario.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500)); // docs/lab.md's latency example
        assertThat(Scenario.duration("1m30s250ms", "x")).isEqualTo(Duration.ofMillis(90_250));
    }

    @Test
    void serversRunInTheScenariosTimeZones() {
        String certificates = """
                certificates: [{id: auth, subject: CN=Auth, not_after: +300d, on: [all]}]
                auth_config: {current: auth}
                """;
        Organisation india = Scenario.parse("x", "servers: {time_zone: Asia/Kolkata}\n" + certificates).build(2, SimClock.frozen(START));
        assertThat(india.servers()).extracting(s -> s.zone().getId()).containsExactly("Asia/Kolkata", "Asia/Kolkata");
        Organisation mixed = Scenario.parse("x", "servers: {time_zone: {ex02: \"+05:30\", all: Europe/Berlin}}\n" + certificates)
                .build(3, SimClock.frozen(START));
        assertThat(mixed.servers()).extracting(s -> s.zone().getId()).containsExactly("Europe/Berlin", "+05:30", "Europe/Berlin");
        assertThat(Scenario.load("healthy").build(1, SimClock.frozen(START)).servers().get(0).zone().getId()).isEqualTo("Z");
        assertThatThrownBy(() -> Scenario.parse("x", "servers: {time_zone: India Standard Time}\n" + certificates)
                .build(1, SimClock.frozen(START)))
                .hasMessageContaining("'India Standard Time' is not a time zone").hasMessageContaining("Asia/Kolkata");
    }
}
