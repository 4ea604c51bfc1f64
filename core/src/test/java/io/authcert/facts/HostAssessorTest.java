package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.AuthCertificateState.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAssessorTest {

    private static final String CUR = "92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3";
    private static final String NEXT = "823884A32609DCDC8C4B5462952586C30D814073";
    private static final String PREV = "A60C6E62FF85D208DF668D597A1B077E1534147F";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final HostAssessor assessor = new HostAssessor();

    private static CertificateFacts cert(String thumbprint, Instant notAfter, boolean key) {
        return new CertificateFacts(thumbprint, "CN=Microsoft Exchange Server Auth Certificate", "Auth",
                notAfter.minus(Duration.ofDays(1800)), notAfter, key, true, true, List.of("SMTP"), "Valid", 2048, List.of());
    }

    private static HostFacts host(Instant serverClock, List<CertificateFacts> certs, String next, String prev) {
        ServerInfo server = new ServerInfo("EX1", "ex1.contoso.local", "15.2", List.of("Mailbox"), "site", false, "org", serverClock);
        AuthConfigFacts auth = new AuthConfigFacts(CUR, prev, next, next == null ? null : NOW.plus(Duration.ofDays(2)),
                "svc", null, "CN=Auth Configuration,CN=org");
        return new HostFacts("ex1", NOW, server, auth, certs, null, List.of(), null, false, List.of());
    }

    @Test
    void currentPresentNextMissingPreviousUnset() {
        HostFacts h = host(NOW, List.of(cert(CUR, NOW.plus(Duration.ofDays(40)).plusSeconds(3600), true)), NEXT, null);

        HostAssessment a = assessor.assess(h, NOW, null);

        assertThat(a.current().presence()).isEqualTo(Presence.PRESENT);
        assertThat(a.current().daysLeft()).isEqualTo(40);
        assertThat(a.next().presence()).isEqualTo(Presence.MISSING);
        assertThat(a.nextEffectiveDate()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(a.previous().presence()).isEqualTo(Presence.UNSET);
        assertThat(a.clockSkew()).isEqualTo(Duration.ZERO);
        assertThat(a.clockSkewTooLarge()).isFalse();
        assertThat(a.owaHealth().status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
        assertThat(a.warnings()).containsExactly("next Auth certificate " + NEXT + " is not in this server's store");
    }

    @Test
    void expiredCurrentWithoutPrivateKeyOnPreviousAndASkewedClock() {
        HostFacts h = host(NOW.plus(Duration.ofMinutes(7)), List.of(
                cert(CUR, NOW.minus(Duration.ofHours(1)), true),
                cert(PREV, NOW.plus(Duration.ofDays(3)), false)), null, PREV);

        HostAssessment a = assessor.assess(h, NOW, new OwaHealth("https://ex1/owa/healthcheck.htm", OwaHealth.Status.UNHEALTHY, "HTTP 500"));

        assertThat(a.current().daysLeft()).as("one hour past expiry").isEqualTo(-1);
        assertThat(a.current().expired()).isTrue();
        assertThat(a.previous().presence()).isEqualTo(Presence.NO_PRIVATE_KEY);
        assertThat(a.clockSkew()).isEqualTo(Duration.ofMinutes(7));
        assertThat(a.clockSkewTooLarge()).isTrue();
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).startsWith("clock differs from the engine's by +7 min"))
                .anySatisfy(w -> assertThat(w).isEqualTo("current Auth certificate " + CUR + " expired 1 day(s) ago"))
                .anySatisfy(w -> assertThat(w).isEqualTo("OWA health https://ex1/owa/healthcheck.htm: HTTP 500"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-26T09:00:00Z, 0",
        "2026-11-27T08:59:59Z, 0",
        "2026-11-27T09:00:00Z, 1",
        "2026-11-26T08:59:59Z, -1",
        "2026-11-25T08:00:00Z, -1",
        "2026-11-24T09:00:00Z, -2",
        "2026-11-24T08:00:00Z, -2",
        "2027-01-25T09:00:00Z, 60",
    })
    void daysLeftCountWholeDaysAndGoNegativeOnceExpired(Instant notAfter, long expected) {
        assertThat(HostAssessor.daysLeft(NOW, notAfter)).isEqualTo(expected);
    }

    @Test
    void aCertificateReadFromRawDataAloneHasAnUnknownKeyNotAMissingOne() {
        CertificateFacts rawOnly = new CertificateFacts(CUR, "CN=Microsoft Exchange Server Auth Certificate", null,
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(100)), null, null, true, null,
                CapturedFactsReader.STATUS_UNKNOWN, 2048, List.of());

        HostAssessment a = assessor.assess(host(null, List.of(rawOnly), null, null), NOW, null);

        assertThat(a.current().presence()).isEqualTo(Presence.KEY_UNKNOWN);
        assertThat(a.current().daysLeft()).isEqualTo(100);
        assertThat(a.warnings()).noneMatch(w -> w.contains("private key"));
    }

    @Test
    void anUnreachableHostIsAssessedAsNotGathered() {
        HostAssessment a = assessor.assess(HostFacts.failed("ex9", NOW, "ex9: unreachable"), NOW, null);

        assertThat(a.gathered()).isFalse();
        assertThat(a.current().presence()).isEqualTo(Presence.UNSET);
        assertThat(a.warnings()).containsExactly("ex9: unreachable");
    }

    @Test
    void aServerClockBehindTheEngineIsANegativeSkew() {
        HostAssessment a = assessor.assess(host(NOW.minus(Duration.ofMinutes(4)), List.of(cert(CUR, NOW.plus(Duration.ofDays(9)), true)), null, null), NOW, null);

        assertThat(a.clockSkew()).isEqualTo(Duration.ofMinutes(-4));
        assertThat(a.clockSkewTooLarge()).isFalse();
        assertThat(a.warnings()).isEmpty();
    }
}
