package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.pwsh.CmdletRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Exchange, service and IIS cmdlets as scripts use them, run in-process by the lab's interpreter. */
class ExchangeCmdletsTest {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");
    private static final String SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";

    private final SimClock clock = SimClock.frozen(START);
    private final Organisation org = Scenario.load("multi-site").build(2, clock);
    private final CmdletRegistry registry = ExchangeCmdlets.registryFor(org);
    private final AuditLog audit = new AuditLog();

    record Out(String stdout, String stderr, int exit) {
    }

    private Out run(String server, String script) {
        CommandOutcome o = new ExchangeHost(org, org.server(server).orElseThrow(), registry, audit).runScript(script);
        return new Out(new String(o.stdout(), StandardCharsets.UTF_8), new String(o.stderr(), StandardCharsets.UTF_8),
                o.exitCode());
    }

    private String ok(String server, String script) {
        Out o = run(server, script);
        assertThat(o.exit()).as("stderr: %s", o.stderr()).isZero();
        return o.stdout().strip();
    }

    private String newCertificate(String server) {
        return ok(server, SNAPIN + "$c = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true"
                + " -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Auth' -DomainName @()"
                + " -Services None\n$c.Thumbprint\n");
    }

    @Test
    void exchangeCmdletsNeedTheSnapIn() {
        Out o = run("ex01", "Get-AuthConfig\n");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.stderr()).contains("The term 'Get-AuthConfig' is not recognized");
    }

    @Test
    void exportThenImportCarriesACertificateAcrossSites() {
        String t = newCertificate("ex01");
        ok("ex01", SNAPIN + "$password = ConvertTo-SecureString -String 'P@ss w0rd' -AsPlainText -Force\n"
                + "$pfx = Export-ExchangeCertificate -Thumbprint '" + t + "' -BinaryEncoded -Password $password\n"
                + "Import-ExchangeCertificate -Server 'ex02' -FileData $pfx.FileData -Password $password"
                + " -PrivateKeyExportable $true | Out-Null\n");
        assertThat(ok("ex02", SNAPIN + "(Get-ExchangeCertificate -Thumbprint '" + t + "').HasPrivateKey\n")).isEqualTo("True");
        Out again = run("ex01", SNAPIN + "$password = ConvertTo-SecureString -String 'P@ss w0rd' -AsPlainText -Force\n"
                + "$pfx = Export-ExchangeCertificate -Thumbprint '" + t + "' -BinaryEncoded -Password $password\n"
                + "Import-ExchangeCertificate -Server 'ex02' -FileData $pfx.FileData -Password $password\n");
        assertThat(again.stderr()).contains("already exists");
    }

    @Test
    void setAuthConfigErrorsReachStderrAndChangeNothing() {
        String t = newCertificate("ex01");
        String before = ok("ex01", SNAPIN + "(Get-AuthConfig).NextCertificateThumbprint\n");
        Out soon = run("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t
                + "' -NewCertificateEffectiveDate (Get-Date).AddHours(1)\n");
        assertThat(soon.exit()).isEqualTo(1);
        assertThat(soon.stderr()).contains("NonInteractive mode");
        Out past = run("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t
                + "' -NewCertificateEffectiveDate (Get-Date).AddSeconds(-15) -Force\n");
        assertThat(past.exit()).isEqualTo(1);
        assertThat(past.stderr()).contains(ExchangeShell.EFFECTIVE_DATE_INVALID);
        Out mixed = run("ex01", SNAPIN + "Set-AuthConfig -PublishCertificate -NewCertificateThumbprint '" + t + "'\n");
        assertThat(mixed.exit()).isEqualTo(1);
        assertThat(mixed.stderr()).contains("Parameter set cannot be resolved");
        Out publish = run("ex01", SNAPIN + "Set-AuthConfig -PublishCertificate\n");
        assertThat(publish.stderr()).contains("no next certificate");
        assertThat(ok("ex01", SNAPIN + "(Get-AuthConfig).NextCertificateThumbprint\n")).isEqualTo(before);

        ok("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t
                + "' -NewCertificateEffectiveDate (Get-Date).AddHours(49)\n");
        assertThat(ok("ex01", SNAPIN + "(Get-AuthConfig).NextCertificateThumbprint\n")).isEqualTo(t);
        assertThat(ok("ex01", SNAPIN + "(Get-AuthConfig).NextCertificateEffectiveDate.ToUniversalTime().ToString('o')\n"))
                .startsWith("2026-11-28T05:00:00");
    }

    @Test
    void getExchangeCertificateNotFoundIsWrittenAsExchangeDoes() {
        Out o = run("ex01", SNAPIN + "Get-ExchangeCertificate -Thumbprint 'ABCDEF0123'\n");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.stderr()).contains("A special Rpc error occurs on server EX01: The certificate with thumbprint ABCDEF0123"
                + " was not found.", "InvalidOperationException");
        // Microsoft's monitoring script tells "missing" from "unreachable" by this reason
        assertThat(ok("ex01", SNAPIN + "try { Get-ExchangeCertificate -Server 'ex02' -Thumbprint 'ABCDEF0123' -ErrorAction Stop }"
                + " catch { $_.CategoryInfo.Reason }\n")).isEqualTo("InvalidOperationException");
    }

    @Test
    void setAuthConfigTakesGetDateJustBeforeTheCallAndADateInAnyZoneMeansTheSameInstant() {
        String t = newCertificate("ex01");
        // the KB's recipe: -NewCertificateEffectiveDate (Get-Date)
        ok("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t + "' -NewCertificateEffectiveDate (Get-Date) -Force\n");
        assertThat(org.authConfigInDirectory().nextEffectiveDate()).isEqualTo(START);
        // a UTC DateTime and a local one for the same instant are the same date to Set-AuthConfig
        ok("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t
                + "' -NewCertificateEffectiveDate ([DateTime]::UtcNow.AddDays(3)) -Force\n");
        assertThat(org.authConfigInDirectory().nextEffectiveDate()).isEqualTo(START.plus(Duration.ofDays(3)));
    }

    @Test
    void aServerInAnotherTimeZoneShowsLocalTimesOfTheSameInstants() {
        Organisation india = Scenario.parse("india", """
                servers: {time_zone: Asia/Kolkata}
                certificates: [{id: auth, subject: CN=Auth, not_before: -1d, not_after: +300d, exportable: true, on: [all]}]
                auth_config: {current: auth}
                """).build(1, clock);
        CommandOutcome o = new ExchangeHost(india, india.server("ex01").orElseThrow(), ExchangeCmdlets.registryFor(india), audit)
                .runScript(SNAPIN + "(Get-Date).ToString('o'); (Get-Date).ToUniversalTime().ToString('o')\n"
                        + "$c = @(Get-ExchangeCertificate)[0]; $c.NotBefore.ToString('o')\n");
        assertThat(new String(o.stdout(), StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                "2026-11-26T09:30:00.0000000+05:30", "2026-11-26T04:00:00.0000000Z", "2026-11-25T09:30:00.0000000+05:30");
    }

    @Test
    void newExchangeCertificateKeepsToExchangesKeySizesFriendlyNameLengthAndDefaultServices() {
        Out oddKey = run("ex01", SNAPIN + "New-ExchangeCertificate -KeySize 3072 -Services None\n");
        assertThat(oddKey.exit()).isEqualTo(1);
        assertThat(oddKey.stderr()).contains("Valid values are 1024, 2048 and 4096");
        Out longName = run("ex01", SNAPIN + "New-ExchangeCertificate -FriendlyName '" + "x".repeat(64) + "' -Services None\n");
        assertThat(longName.exit()).isEqualTo(1);
        assertThat(longName.stderr()).contains("must be less than 64 characters");
        assertThat(ok("ex01", SNAPIN + "(New-ExchangeCertificate -FriendlyName '" + "x".repeat(63) + "' -Services None).FriendlyName.Length\n"))
                .isEqualTo("63");
        assertThat(ok("ex01", SNAPIN + "(New-ExchangeCertificate -Force).Services.ToString()\n")).isEqualTo("IMAP, POP, SMTP");
    }

    @Test
    void theServiceletsLastRunAndItsPublishEventAreReadAsMicrosoftDocumentsThem() {
        String lastRun = SNAPIN + "[xml]$xml = Get-ExchangeDiagnosticInfo -Process 'Microsoft.Exchange.ServiceHost'\n"
                + "$xml.Diagnostics.Components.AnchorApplication.AnchorServiceComponents.CacheScheduler.lastRunTime\n";
        // multi-site: the service host started 6 hours ago, when the servicelet ran last
        assertThat(ok("ex01", lastRun)).isEqualTo("2026-11-25T22:00:00.0000000Z");
        String events = SNAPIN + "$e = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MSExchange AuthAdmin';"
                + " Id = 2014 } -MaxEvents 1 -ErrorAction Stop)\n$e[0].Message\n";
        assertThat(run("ex01", events).stderr()).contains("No events were found that match the specified selection criteria.");

        String t = newCertificate("ex01");
        ok("ex01", SNAPIN + "Set-AuthConfig -NewCertificateThumbprint '" + t + "' -NewCertificateEffectiveDate (Get-Date) -Force\n");
        ok("ex01", "Restart-Service -Name 'MSExchangeServiceHost'\n");
        assertThat(ok("ex01", lastRun)).isEqualTo("2026-11-26T04:00:00.0000000Z");
        assertThat(ok("ex01", events)).isEqualTo("The current signing certificate for Exchange has been updated to certificate"
                + " with thumbprint " + t + ".");
        assertThat(org.authConfigInDirectory().currentThumbprint()).isEqualTo(t);
    }

    @Test
    void servicesProcessesAndAppPoolsReportStartTimesAndRestart() {
        String pid = ok("ex01", "(Get-CimInstance -ClassName 'Win32_Service' -Filter \"Name='MSExchangeServiceHost'\").ProcessId\n");
        assertThat(ok("ex01", "(Get-Process -Id " + pid + ").StartTime.ToUniversalTime().ToString('o')\n"))
                .startsWith("2026-11-25T22:00:00");
        clock.advance(Duration.ofMinutes(5));
        ok("ex01", "Restart-Service MSExchangeServiceHost\nRestart-WebAppPool -Name MSExchangeOWAAppPool\n");
        String newPid = ok("ex01", "(Get-CimInstance -ClassName 'Win32_Service' -Filter \"Name='MSExchangeServiceHost'\").ProcessId\n");
        assertThat(newPid).isNotEqualTo(pid);
        assertThat(ok("ex01", "(Get-Service -Name MSExchangeServiceHost).Status.ToString()\n")).isEqualTo("Running");
        assertThat(ok("ex01", "$w = @(Get-ChildItem -Path 'IIS:\\AppPools\\MSExchangeOWAAppPool\\WorkerProcesses')\n"
                + "(Get-Process -Id $w[0].processId).StartTime.ToUniversalTime().ToString('o')\n"))
                .startsWith("2026-11-26T04:05:00");
        assertThat(ok("ex01", "(Get-WebAppPoolState -Name MSExchangeECPAppPool).Value\n")).isEqualTo("Started");
        Out missing = run("ex01", "Restart-Service NoSuchService\n");
        assertThat(missing.stderr()).contains("Cannot find any service with service name 'NoSuchService'.");
    }

    @Test
    void theBackEndBindingCanBeMovedToAnotherCertificate() {
        String t = newCertificate("ex01");
        ok("ex01", "$b = Get-WebBinding -Name 'Exchange Back End' -Protocol 'https' -Port 444\n"
                + "$b.AddSslCertificate('" + t + "', 'My')\n");
        assertThat(ok("ex01", "(Get-WebBinding -Name 'Exchange Back End' -Protocol 'https' -Port 444).certificateHash\n"))
                .isEqualTo(t);
    }

    @Test
    void exchangeServerAndCertificatesHaveTheRealProperties() {
        assertThat(ok("ex02", SNAPIN + "$s = Get-ExchangeServer -Identity $env:COMPUTERNAME\n"
                + "'{0}|{1}|{2}|{3}|{4}' -f $s.Name, $s.Fqdn, $s.ServerRole, $s.Site, $s.AdminDisplayVersion\n"))
                .isEqualTo("EX02|ex02.contoso.local|Mailbox|contoso.local/Configuration/Sites/Branch-Site|Version 15.2 (Build 1544.4)");
        String t = newCertificate("ex02");
        assertThat(ok("ex02", SNAPIN + "$c = Get-ExchangeCertificate -Thumbprint '" + t + "'\n"
                + "'{0}|{1}|{2}|{3}|{4}' -f $c.Services, $c.Status, $c.PublicKeySize, $c.IsSelfSigned, $c.Subject\n"))
                .isEqualTo("None|Valid|2048|True|CN=Microsoft Exchange Server Auth Certificate");
        ok("ex02", SNAPIN + "Enable-ExchangeCertificate -Thumbprint '" + t + "' -Services IIS\n");
        assertThat(ok("ex02", SNAPIN + "(Get-ExchangeCertificate -Thumbprint '" + t + "').Services.ToString()\n"))
                .isEqualTo("IIS");
        Out prompt = run("ex02", SNAPIN + "Remove-ExchangeCertificate -Thumbprint '" + t + "'\n");
        assertThat(prompt.stderr()).contains("NonInteractive mode");
        ok("ex02", SNAPIN + "Remove-ExchangeCertificate -Thumbprint '" + t + "' -Confirm:$false\n");
        assertThat(run("ex02", SNAPIN + "Get-ExchangeCertificate -Thumbprint '" + t + "'\n").stderr()).contains("was not found");
        assertThat(ok("ex01", SNAPIN + "$null -eq (Get-HybridConfiguration)\n")).isEqualTo("True");
    }

    @Test
    void anInjectedCmdletFailureIsATerminatingError() {
        org.server("ex01").orElseThrow().faults().failCmdlet("Set-AuthConfig", "Active Directory operation failed on dc01.");
        Out o = run("ex01", SNAPIN + "Set-AuthConfig -PublishCertificate\n");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.stderr()).contains("Active Directory operation failed on dc01.");
    }
}
