package io.authcert.rehearse;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.lab.exchange.AuthConfig;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import io.authcert.plan.FactsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The twin carries every fact the planner reads over into the lab's model: servers, sites, Auth configuration, stores, times. */
class TwinBuilderTest {

    private static final String CURRENT = tp("current");
    private static final String PREVIOUS = tp("previous");
    private static final String NEXT = tp("next");
    private static final Instant NEXT_DATE = NOW.plus(Duration.ofDays(3));
    private static final Instant PUBLISHED = NOW.minus(Duration.ofHours(30));

    private static Facts facts() {
        return new FactsBuilder().hosts("ex01", "ex02", "ex03", "ex04")
                .authCert(CURRENT, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(20)), "ex01", "ex03")
                .authCert(PREVIOUS, NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(2)), "ex01", "ex02", "ex03")
                .authCert(NEXT, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1800)), "ex01")
                .auth(CURRENT, PREVIOUS, NEXT, NEXT_DATE)
                .site("Branch", "ex03")
                .poolsStarted("ex02", NOW.minus(Duration.ofHours(40)))
                .serviceStarted("ex03", NOW.minus(Duration.ofHours(5)))
                .published(CURRENT, PUBLISHED, "ex01")
                .hybrid("ex01")
                .edge("ex04")
                .build();
    }

    private static Twin twin() {
        return TwinBuilder.build(facts(), NOW);
    }

    private static ExchangeServer server(Organisation org, String name) {
        return org.server(name).orElseThrow();
    }

    @Test
    void everyServerIsThereWithItsSiteRolesAndEdge() {
        Twin twin = twin();
        Organisation org = twin.organisation();
        assertThat(twin.serverOfHost()).containsExactly(Map.entry("ex01", "ex01"), Map.entry("ex02", "ex02"),
                Map.entry("ex03", "ex03"), Map.entry("ex04", "ex04"));
        assertThat(org.servers()).extracting(ExchangeServer::name).containsExactly("ex01", "ex02", "ex03", "ex04");
        assertThat(server(org, "ex01").site().name()).isEqualTo("Default-First-Site-Name");
        assertThat(server(org, "ex03").site().name()).isEqualTo("Branch");
        assertThat(server(org, "ex02").roles()).containsExactly("Mailbox");
        assertThat(server(org, "ex04").isEdge()).isTrue();
        assertThat(server(org, "ex01").fqdn()).isEqualTo("ex01.contoso.test");
        assertThat(org.name()).isEqualTo("contoso");
        assertThat(org.hybrid()).isPresent();
    }

    @Test
    void theAuthConfigurationNamesTheTwinsOfTheRealCertificatesWithTheSameEffectiveDate() {
        Twin twin = twin();
        AuthConfig config = twin.organisation().authConfigInDirectory();
        assertThat(config.currentThumbprint()).isEqualTo(twin.thumbprints().twinOf(CURRENT)).isNotEqualTo(CURRENT);
        assertThat(config.previousThumbprint()).isEqualTo(twin.thumbprints().twinOf(PREVIOUS));
        assertThat(config.nextThumbprint()).isEqualTo(twin.thumbprints().twinOf(NEXT));
        assertThat(config.nextEffectiveDate()).isEqualTo(NEXT_DATE);
        assertThat(config.distinguishedName()).contains("CN=contoso", "DC=contoso,DC=test");
    }

    @Test
    void eachStoreHoldsTheTwinOfEveryCertificateOnThatServerWithTheSameValidityAndKey() {
        Facts facts = facts();
        Twin twin = TwinBuilder.build(facts, NOW);
        for (HostFacts h : facts.hosts().values()) {
            List<ExchangeCertificate> store = twin.organisation().certificatesOn(server(twin.organisation(), h.host()));
            Map<String, ExchangeCertificate> byReal = store.stream()
                    .collect(Collectors.toMap(c -> twin.thumbprints().realOf(c.thumbprint()), c -> c));
            assertThat(byReal.keySet()).as(h.host())
                    .containsExactlyInAnyOrderElementsOf(h.certificates().stream().map(CertificateFacts::thumbprint).toList());
            for (CertificateFacts real : h.certificates()) {
                ExchangeCertificate copy = byReal.get(real.thumbprint());
                assertThat(copy.notBefore()).isEqualTo(real.notBefore().truncatedTo(ChronoUnit.SECONDS));
                assertThat(copy.notAfter()).isEqualTo(real.notAfter().truncatedTo(ChronoUnit.SECONDS));
                assertThat(copy.hasPrivateKey()).isEqualTo(real.keyPresent());
                assertThat(copy.privateKeyExportable()).isEqualTo(Boolean.TRUE.equals(real.privateKeyExportable()));
                assertThat(copy.subject()).isEqualTo(real.subject());
                assertThat(copy.friendlyName()).isEqualTo(real.friendlyName());
            }
        }
    }

    @Test
    void aCertificateWithoutItsKeyStaysWithoutItOnTheTwin() {
        CertificateFacts keyless = new CertificateFacts(CURRENT, "CN=Microsoft Exchange Server Auth Certificate", "Auth",
                NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300)), false, false, true, List.of("SMTP"), "Valid", 2048,
                List.of());
        Facts facts = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(CURRENT, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300)), "ex01")
                .certificate("ex02", keyless).auth(CURRENT, null, null, null).build();
        Twin twin = TwinBuilder.build(facts, NOW);
        Organisation org = twin.organisation();
        String current = twin.thumbprints().twinOf(CURRENT);
        assertThat(org.certificateOn(server(org, "ex01"), current)).get().extracting(ExchangeCertificate::hasPrivateKey)
                .isEqualTo(true);
        assertThat(org.certificateOn(server(org, "ex02"), current)).get().extracting(ExchangeCertificate::hasPrivateKey)
                .isEqualTo(false);
    }

    @Test
    void aServerWhoseCertificatesWereReadFromRawDataAloneAnswersSoOnTheTwin() {
        CertificateFacts rawDataOnly = new CertificateFacts(CURRENT, "CN=Microsoft Exchange Server Auth Certificate", null,
                NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300)), null, null, true, null, "Valid", 2048, List.of());
        Facts facts = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(CURRENT, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300)), "ex02")
                .certificate("ex01", rawDataOnly).auth(CURRENT, null, null, null).build();
        Twin twin = TwinBuilder.build(facts, NOW);
        Organisation org = twin.organisation();
        assertThat(server(org, "ex01").faults().rawDataOnlyCertificates()).isTrue();
        assertThat(server(org, "ex02").faults().rawDataOnlyCertificates()).isFalse();
        assertThat(org.certificateOn(server(org, "ex01"), twin.thumbprints().twinOf(CURRENT))).get()
                .extracting(ExchangeCertificate::hasPrivateKey).isEqualTo(true);
        assertThat(twin.assumptions()).anyMatch(a -> a.contains("ex01") && a.contains("RawData"))
                .anyMatch(a -> a.contains("private key is unknown; on the twin it has it"));
    }

    @Test
    void bindingsAndTheDefaultSmtpCertificateAreTheTwinsOfTheRealOnes() {
        Twin twin = twin();
        Organisation org = twin.organisation();
        assertThat(org.backEndBinding(server(org, "ex02")).orElseThrow().certificateHash())
                .isEqualTo(twin.thumbprints().twinOf(tp("exchange-ex02")));
        assertThat(org.internalTransportCertificate(server(org, "ex03"))).isEqualTo(twin.thumbprints().twinOf(tp("exchange-ex03")));
    }

    @Test
    void serviceAndPoolStartTimesAreTheFactsSoSignInFailsWhereTheRealOneWould() {
        Twin twin = twin();
        Organisation org = twin.organisation();
        assertThat(org.service(server(org, "ex03"), ExchangeServer.SERVICE_HOST).orElseThrow().startTime())
                .isEqualTo(NOW.minus(Duration.ofHours(5)));
        assertThat(org.appPool(server(org, "ex02"), "MSExchangeOWAAppPool").orElseThrow().startTime())
                .isEqualTo(NOW.minus(Duration.ofHours(40)));
        // ex02 lacks the current certificate; its pools started before it was published, with the previous one, now expired
        assertThat(org.signInStatus(server(org, "ex02"))).isEqualTo(500);
        assertThat(org.signInStatus(server(org, "ex01"))).isEqualTo(302);
    }

    @Test
    void whenTheCurrentCertificateWasPublishedIsTheServiceletsEventOnTheSameServer() {
        Twin twin = twin();
        Organisation org = twin.organisation();
        assertThat(org.applicationLog(server(org, "ex01")))
                .anySatisfy(e -> {
                    assertThat(e.id()).isEqualTo(Organisation.CERTIFICATE_PUBLISHED_EVENT);
                    assertThat(e.timeCreated()).isEqualTo(PUBLISHED);
                    assertThat(e.message()).contains(twin.thumbprints().twinOf(CURRENT));
                });
    }

    @Test
    void whatTheFactsDoNotSayIsWrittenDownAsAnAssumption() {
        assertThat(twin().assumptions()).anyMatch(a -> a.contains("AD replication takes 15 minutes"));
    }

    @Test
    void twoOrganisationsAreRefusedWithTheWayOut() {
        Facts facts = new FactsBuilder().hosts("ex01", "ex02").organization("fabrikam", "ex02")
                .authCert(CURRENT, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300))).auth(CURRENT, null, null, null)
                .build();
        assertThatThrownBy(() -> TwinBuilder.build(facts, NOW)).isInstanceOf(RehearsalException.class)
                .hasMessageContaining("2 organisations").hasMessageContaining("--limit");
    }
}
