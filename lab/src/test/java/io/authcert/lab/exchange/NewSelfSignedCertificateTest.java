package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.pwsh.CmdletRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * New-SelfSignedCertificate as its reference describes it (PKI module), run by the lab's interpreter:
 * the certificate lands in Cert:\LocalMachine\My where Get-ExchangeCertificate sees it, with the
 * NotAfter asked for; a CryptoAPI key is usable by Set-AuthConfig and a CNG key is not.
 */
class NewSelfSignedCertificateTest {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");
    private static final String SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";
    private static final String CSP = "'Microsoft Enhanced RSA and AES Cryptographic Provider'";

    private final SimClock clock = SimClock.frozen(START);
    private final Organisation org = Scenario.load("healthy").build(2, clock);
    private final CmdletRegistry registry = ExchangeCmdlets.registryFor(org);

    record Out(String stdout, String stderr, int exit) {
    }

    private Out run(String script) {
        CommandOutcome o = new ExchangeHost(org, org.server("ex01").orElseThrow(), registry, new AuditLog()).runScript(script);
        return new Out(new String(o.stdout(), StandardCharsets.UTF_8), new String(o.stderr(), StandardCharsets.UTF_8),
                o.exitCode());
    }

    private String ok(String script) {
        Out o = run(script);
        assertThat(o.exit()).as("stderr: %s", o.stderr()).isZero();
        assertThat(o.stderr()).isEmpty();
        return o.stdout().strip();
    }

    private static String create(String provider, String extra) {
        return "$notAfter = [DateTime]::UtcNow.AddDays(365).ToLocalTime()\n"
                + "$c = New-SelfSignedCertificate -Subject 'CN=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Auth 365'"
                + " -NotAfter $notAfter -KeyAlgorithm 'RSA' -KeyLength 2048 -KeyExportPolicy 'Exportable' -KeySpec 'KeyExchange'"
                + " -Provider " + provider + " -CertStoreLocation 'Cert:\\LocalMachine\\My'" + extra + "\n";
    }

    @Test
    void theEnginesCallPutsAnExportableCryptoApiCertificateInTheMachineStoreWithTheNotAfterAskedFor() {
        String out = ok(SNAPIN + create(CSP, "") + "$c.GetType().FullName\n$c.Subject\n$c.HasPrivateKey\n$c.PSParentPath\n"
                + "$e = Get-ExchangeCertificate -Thumbprint $c.Thumbprint\n"
                + "$e.FriendlyName\n$e.PrivateKeyExportable\n$e.Services\n$e.IsSelfSigned\n"
                + "$e.NotAfter.ToUniversalTime().ToString('o')\n$e.NotBefore.ToUniversalTime().ToString('o')\n");
        assertThat(out.lines()).containsExactly("System.Security.Cryptography.X509Certificates.X509Certificate2",
                "CN=Microsoft Exchange Server Auth Certificate", "True",
                "Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My",
                "Auth 365", "True", "None", "True",
                "2027-11-26T04:00:00.0000000Z", "2026-11-26T03:50:00.0000000Z");
        ExchangeCertificate made = org.certificatesOn(org.server("ex01").orElseThrow()).stream()
                .filter(c -> c.friendlyName().equals("Auth 365")).findFirst().orElseThrow();
        assertThat(made.keyStorage()).isEqualTo(ExchangeCertificate.KeyStorage.CRYPTO_API);
        assertThat(Duration.between(START, made.notAfter())).isEqualTo(Duration.ofDays(365));
        assertThat(made.x509().getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");

        // Usable as the Auth certificate: staged, published, copied by the servicelet to ex02.
        ok(SNAPIN + "$t = (Get-ExchangeCertificate | Where-Object { $_.FriendlyName -eq 'Auth 365' }).Thumbprint\n"
                + "Set-AuthConfig -NewCertificateThumbprint $t -NewCertificateEffectiveDate (Get-Date) -Force\n"
                + "Set-AuthConfig -PublishCertificate\n");
        assertThat(org.authConfigInDirectory().currentThumbprint()).isEqualTo(made.thumbprint());
        clock.advance(Duration.ofHours(13));
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), made.thumbprint())).isPresent();
    }

    @Test
    void defaultsFollowTheReferenceAndACngKeyIsRefusedBySetAuthConfig() {
        String out = ok("$c = New-SelfSignedCertificate -Subject 'lab' -DnsName 'a.contoso.local' -CertStoreLocation 'Cert:\\LocalMachine\\My'\n"
                + "$c.Subject\n$c.NotBefore.ToUniversalTime().ToString('o')\n$c.NotAfter.ToUniversalTime().ToString('o')\n");
        assertThat(out.lines()).containsExactly("CN=lab", "2026-11-26T03:50:00.0000000Z", "2027-11-26T04:00:00.0000000Z");

        ok(create("'Microsoft Software Key Storage Provider'", "").replace("Auth 365", "Cng"));
        Out refused = run(SNAPIN + "$t = (Get-ExchangeCertificate | Where-Object { $_.FriendlyName -eq 'Cng' }).Thumbprint\n"
                + "Set-AuthConfig -NewCertificateThumbprint $t -NewCertificateEffectiveDate (Get-Date).AddDays(3)\n");
        assertThat(refused.stderr()).contains("CNG key storage provider", "CryptoAPI");
    }

    @Test
    void unknownParametersAreRefusedAsPowerShellDoesAndUnsimulatedOnesSaySo() {
        Out unknown = run(create(CSP, " -ValidityDays 365"));
        assertThat(unknown.stderr()).contains("A parameter cannot be found that matches parameter name 'ValidityDays'.");
        Out clone = run(create(CSP, " -SerialNumber '01'"));
        assertThat(clone.stderr()).contains("does not simulate -SerialNumber");
        Out policy = run(create(CSP, "").replace("'Exportable'", "'Sometimes'"));
        assertThat(policy.stderr()).contains("Cannot bind parameter 'KeyExportPolicy'");
        Out store = run(create(CSP, "").replace("Cert:\\LocalMachine\\My", "Cert:\\LocalMachine\\Root"));
        assertThat(store.stderr()).contains("isn't supported: specify Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My");
        Out missing = run("New-SelfSignedCertificate -Subject 'CN=x'\n");
        assertThat(missing.stderr()).contains("-CertStoreLocation is required here");
    }

    @Test
    void aNonExportableKeyIsNotDeployedByTheServicelet() {
        ok(SNAPIN + create(CSP, "").replace("'Exportable'", "'NonExportable'")
                + "Set-AuthConfig -NewCertificateThumbprint $c.Thumbprint -NewCertificateEffectiveDate (Get-Date).AddDays(3)\n");
        String thumbprint = org.authConfigInDirectory().nextThumbprint();
        clock.advance(Duration.ofHours(25));
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), thumbprint)).isEmpty();
    }
}
