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
                + "' -NewCertificateEffectiveDate (Get-Date).AddMinutes(-10) -Force\n");
        assertThat(past.stderr()).contains("in the past");
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
        assertThat(o.stderr()).contains("The certificate with thumbprint ABCDEF0123 was not found.");
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
