package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.AUTH_SUBJECT;
import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.CapturedFactsReader;
import io.authcert.facts.CertificateFacts;
import io.authcert.testing.PsSyntaxCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Certificates read, not guessed: a private key the facts could not read is unknown, never absent, and
 * the create step gives SMTP back to the internal transport certificate Get-TransportService named.
 */
class PlannerCertificatesReadTest {

    private static final String CUR = tp("CUR");
    private static final String PREV = tp("PREV");
    private static final String OLD = tp("OLD");

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    private static CertificateFacts rawDataOnly(String thumbprint, long daysLeft) {
        return new CertificateFacts(thumbprint, AUTH_SUBJECT, null, days(-1667), days(daysLeft), null, null, true, null,
                CapturedFactsReader.STATUS_UNKNOWN, 2048, List.of());
    }

    @Test
    void aHealthyCurrentCertificateWhoseKeyIsUnknownEverywhereIsNeitherReplacedNorDistributed() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02").auth(CUR, null, null, null)
                .certificate("ex01", rawDataOnly(CUR, 158)).certificate("ex02", rawDataOnly(CUR, 158));

        Plan plan = new Planner().plan(b.request(spec()));

        assertThat(plan.steps()).as("158 days left: nothing to do").isEmpty();
        assertThat(plan.held()).isEmpty();
    }

    @Test
    void anUnknownKeyHoldsOnlyTheClearOfThePreviousCertificateAndSaysWhy() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02").auth(CUR, PREV, null, null)
                .authCert(CUR, days(-100), days(1600), "ex01").certificate("ex02", rawDataOnly(CUR, 1600));

        Plan plan = new Planner().plan(b.request(spec()));

        assertThat(plan.steps()).noneMatch(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE
                || s.action() == Action.CREATE_CERTIFICATE || s.action() == Action.IMPORT_CERTIFICATE
                || s.action() == Action.WAIT_FOR_CERTIFICATE);
        assertThat(plan.held()).singleElement().satisfies(h -> {
            assertThat(h.actions()).containsExactly(Action.CLEAR_PREVIOUS_CERTIFICATE);
            assertThat(h.reason()).contains("ex02").contains("private key").contains("not known");
        });
    }

    @Test
    void aKeyKnownToBeMissingStillCountsAsMissing() {
        CertificateFacts noKey = new CertificateFacts(CUR, AUTH_SUBJECT, "x", days(-100), days(1600), false, false, true,
                List.of("SMTP"), "Valid", 2048, List.of());
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02").auth(CUR, null, null, null)
                .authCert(CUR, days(-100), days(1600), "ex01").certificate("ex02", noKey);

        Plan plan = new Planner().plan(b.request(spec()));

        assertThat(plan.steps()).anyMatch(s -> s.host().equals("ex02") && s.action() == Action.WAIT_FOR_CERTIFICATE);
    }

    private static Step create(FactsBuilder b) {
        Plan plan = new Planner().plan(b.request(spec()));
        return plan.steps().stream().filter(s -> s.action() == Action.CREATE_CERTIFICATE).findFirst().orElseThrow();
    }

    private static FactsBuilder expired() {
        return new FactsBuilder().hosts("ex01").authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null);
    }

    @Test
    void theNamedInternalTransportCertificateGetsSmtpBackNotAGuessedOne() {
        String own = tp("exchange-ex01");
        String named = tp("transport");
        FactsBuilder b = expired().certificate("ex01", new CertificateFacts(named, "CN=EX01", "EX01", days(-10), days(700), true,
                true, true, List.of("SMTP"), "Valid", 2048, List.of("EX01"))).internalTransport(named);

        Step create = create(b);

        assertThat(create.script().shown()).contains("-Services 'SMTP' -Force")
                .contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint '" + named + "' -Services 'SMTP' -Force")
                .doesNotContain(own);
        assertThat(create.details()).containsEntry("smtp_certificate_kept", named);
        PsSyntaxCheck.assertValid("create", create.script().shown());
    }

    @Test
    void aNamedInternalTransportCertificateNotOnTheServerIsReplacedByANewOneAsMeacDoes() {
        String gone = tp("gone");
        Step create = create(expired().internalTransport(gone));

        String script = create.script().shown();
        assertThat(script).contains("$transport = New-ExchangeCertificate -Server 'EX01' -KeySize 2048 -PrivateKeyExportable $true"
                        + " -FriendlyName 'EX01' -DomainName 'EX01' -IncludeServerFQDN -Services 'SMTP' -Force")
                .contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint $transport.Thumbprint -Services 'SMTP' -Force")
                .doesNotContain(gone);
        assertThat(script.indexOf("$transport = New-ExchangeCertificate")).isLessThan(script.indexOf("$created = New-ExchangeCertificate"));
        assertThat(create.details()).containsEntry("smtp_certificate_renewed", gone);
        PsSyntaxCheck.assertValid("create", script);
    }

    @Test
    void anUnknownInternalTransportCertificateMeansTheAuthCertificateIsCreatedForNoService() {
        Plan plan = new Planner().plan(expired().internalTransport(null).request(spec()));
        Step create = plan.steps().get(0);

        assertThat(create.script().shown()).contains("-Services 'None' -Force").doesNotContain("Enable-ExchangeCertificate");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("unknown (Get-TransportService was not read)"));
    }
}
