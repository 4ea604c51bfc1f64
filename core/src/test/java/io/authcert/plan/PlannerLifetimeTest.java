package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.testing.PsSyntaxCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code lifetime_days}: 0 leaves the lifetime to New-ExchangeCertificate (5 years, it takes no
 * lifetime); more makes the certificate with New-SelfSignedCertificate -NotAfter, shown in the plan.
 */
class PlannerLifetimeTest {

    private static AuthCertificateSpec spec(int lifetimeDays, String subject, List<String> domains) {
        AuthCertificateSpec d = AuthCertificateSpec.defaults();
        return new AuthCertificateSpec(subject, d.friendlyName(), d.keySize(), domains, d.renewBeforeDays(), d.stageDays(),
                d.rotation(), d.distribute(), d.replicationTimeout(), d.clearPrevious(), d.hybrid(), d.unreachable(), null,
                lifetimeDays);
    }

    private static Step create(AuthCertificateSpec spec) {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01", "ex02")
                .authCert(tp("C"), NOW.minus(Duration.ofDays(1800)), NOW.plus(Duration.ofDays(45)))
                .auth(tp("C"), null, null, null).request(spec));
        return plan.steps().stream().filter(s -> s.action() == Action.CREATE_CERTIFICATE).findFirst().orElseThrow();
    }

    @Test
    void zeroIsNewExchangeCertificatesOwnLifetime() {
        Step create = create(AuthCertificateSpec.defaults());
        assertThat(create.script().shown()).contains("New-ExchangeCertificate").doesNotContain("New-SelfSignedCertificate", "NotAfter");
        assertThat(create.details()).doesNotContainKey("lifetime_days");
        assertThat(create.reason()).doesNotContain("lifetime_days");
    }

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {91, 365, AuthCertificateSpec.MAX_LIFETIME_DAYS})
    void aLifetimeIsAQuotedIntegerForNewSelfSignedCertificateAndShownInThePlan(int days) {
        Step create = create(spec(days, "CN=O'Brien Auth", List.of("auth.contoso.com")));
        String script = create.script().shown();
        assertThat(script).contains("$notAfter = [DateTime]::UtcNow.AddDays(" + days + ").ToLocalTime()",
                "New-SelfSignedCertificate -Subject 'CN=O''Brien Auth' -FriendlyName 'Microsoft Exchange Server Auth Certificate - ",
                "-NotAfter $notAfter", "-KeyLength 2048", "-KeyExportPolicy 'Exportable'", "-KeySpec 'KeyExchange'",
                "-CertStoreLocation 'Cert:\\LocalMachine\\My'", "-DnsName @('auth.contoso.com')")
                .doesNotContain("New-ExchangeCertificate", "Enable-ExchangeCertificate");
        assertThat(create.details()).containsEntry("lifetime_days", Integer.toString(days));
        assertThat(create.reason()).endsWith(", valid " + days + " days (lifetime_days)");
        PsSyntaxCheck.assertValid(Map.of("lifetime-" + days, create.script().sent()));
    }

    @Test
    void withoutDomainNamesNoDnsNameIsPassed() {
        assertThat(create(spec(365, AuthCertificateSpec.DEFAULT_SUBJECT, List.of())).script().shown()).doesNotContain("-DnsName");
    }
}
