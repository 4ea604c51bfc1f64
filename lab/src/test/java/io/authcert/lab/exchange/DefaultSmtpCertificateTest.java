package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The default SMTP (internal transport) certificate as Exchange keeps it, Get-TransportService showing it,
 * and Get-ExchangeCertificate answering RawData only (serialization data signing) while the store stays readable.
 */
class DefaultSmtpCertificateTest {

    private static final String SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";

    private final Organisation org = Scenario.load("expired").build(2, SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z")));
    private final ExchangeServer ex01 = org.server("ex01").orElseThrow();

    private CommandOutcome outcome(String script) {
        return new ExchangeHost(org, ex01, ExchangeCmdlets.registryFor(org), new AuditLog()).runScript(SNAPIN + script);
    }

    private String run(String script) {
        CommandOutcome o = outcome(script);
        assertThat(o.exitCode()).as(new String(o.stderr(), StandardCharsets.UTF_8)).isZero();
        return new String(o.stdout(), StandardCharsets.UTF_8).strip();
    }

    private String ownCertificate() {
        return run("(Get-ExchangeCertificate | Where-Object { $_.Subject -eq 'CN=ex01' }).Thumbprint");
    }

    @Test
    void setupMakesTheServersOwnCertificateTheDefaultAndGetTransportServiceShowsIt() {
        assertThat(run("(Get-TransportService -Identity 'EX01').InternalTransportCertificateThumbprint")).isEqualTo(ownCertificate());
    }

    @Test
    void newExchangeCertificateForSmtpPromptsWithoutForceAndTakesTheDefaultOverWithIt() {
        String own = ownCertificate();
        CommandOutcome refused = outcome("New-ExchangeCertificate -SubjectName 'CN=x' -FriendlyName 'x' -DomainName @() -Services 'SMTP'");
        assertThat(refused.exitCode()).isNotZero();

        String created = run("(New-ExchangeCertificate -SubjectName 'CN=y' -FriendlyName 'y' -DomainName @() -Services 'SMTP' -Force).Thumbprint");
        assertThat(org.internalTransportCertificate(ex01)).isEqualTo(created);

        run("Enable-ExchangeCertificate -Thumbprint '" + own + "' -Services 'SMTP' -Force");
        assertThat(run("(Get-TransportService 'EX01').InternalTransportCertificateThumbprint")).isEqualTo(own);
    }

    @Test
    void forNoServiceTheDefaultStays() {
        String own = ownCertificate();
        run("New-ExchangeCertificate -SubjectName 'CN=z' -FriendlyName 'z' -DomainName @() -Services 'None' | Out-Null");
        assertThat(org.internalTransportCertificate(ex01)).isEqualTo(own);
    }

    @Test
    void includeServerFqdnAddsTheServersFqdn() {
        assertThat(run("(New-ExchangeCertificate -FriendlyName 'EX01' -DomainName 'EX01' -IncludeServerFQDN -Services 'SMTP' -Force)"
                + ".CertificateDomains -join ','")).isEqualTo("EX01,ex01.contoso.local");
    }

    @Test
    void rawDataOnlyCertificatesCarryNoThumbprintAndAreReadFromTheirBytesAndTheStore() {
        String own = ownCertificate();
        ex01.faults().rawDataOnlyCertificates(true);

        assertThat(run("$c = @(Get-ExchangeCertificate)[0]; [string]($null -eq $c.Thumbprint) + '|' + ($c.RawData.Length -gt 0)"))
                .isEqualTo("True|True");
        assertThat(run("@(Get-ExchangeCertificate | ForEach-Object {"
                + " $x = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([byte[]]$_.RawData);"
                + " $s = Get-Item -LiteralPath ('Cert:\\LocalMachine\\My\\' + $x.Thumbprint);"
                + " $x.Subject + '|' + $x.Thumbprint + '|' + $s.HasPrivateKey }) -join ';'"))
                .contains("CN=ex01|" + own + "|True");
        CommandOutcome missing = outcome("Get-Item -LiteralPath 'Cert:\\LocalMachine\\My\\" + "0".repeat(40) + "' -ErrorAction Stop");
        assertThat(new String(missing.stderr(), StandardCharsets.UTF_8)).contains("because it does not exist");
    }
}
