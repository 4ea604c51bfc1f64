package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.SimulatedHost;
import io.authcert.lab.exchange.ExchangeShell.NewCertificateRequest;
import io.authcert.lab.exchange.ExchangeShell.SetAuthConfigRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganisationTest {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");

    private final SimClock clock = SimClock.frozen(START);

    private ExchangeShell shell(Organisation org, String server) {
        return new ExchangeShell(org, org.server(server).orElseThrow());
    }

    private static NewCertificateRequest authCertificate() {
        return new NewCertificateRequest(2048, true, "cn=Microsoft Exchange Server Auth Certificate",
                "Microsoft Exchange Server Auth Certificate", List.of(), null, null, true);
    }

    @Test
    void theExpiredScenarioFailsOwaSignInWithTheExAssertWhileTheHealthPagesAnswer200() {
        Organisation org = Scenario.load("expired").build(3, clock);
        for (ExchangeServer s : org.servers()) {
            assertThat(org.health(s, "/owa/healthcheck.htm").status()).isEqualTo(200);
            assertThat(org.health(s, "/ecp/healthcheck.htm").status()).isEqualTo(200);
            SimulatedHost.HttpAnswer signIn = org.signIn(s, "/owa/auth.owa", Map.of("username", "u"), true);
            assertThat(signIn.status()).isEqualTo(500);
            assertThat(signIn.body()).contains("Server Error in '/owa' Application.")
                    .contains("HMACProvider.GetCertificates:protectionCertificates.Length<1")
                    .contains("FbaModule.SetCadataCookies");
            assertThat(org.applicationLog(s)).first().satisfies(e -> {
                assertThat(e.id()).isEqualTo(1003);
                assertThat(e.providerName()).isEqualTo("MSExchange Front End HTTPS Proxy");
                assertThat(e.message()).startsWith("[Owa] An internal server error occurred.")
                        .contains("ExAssertException: ASSERT: HMACProvider.GetCertificates");
            });
        }
        assertThat(org.healthy(org.servers().get(0))).isFalse();
    }

    @Test
    void aHealthyServerSignsInWithCadataCookiesAndRefusesWrongCredentialsBeforeSigningAnything() {
        Organisation org = Scenario.load("healthy").build(1, clock);
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        SimulatedHost.HttpAnswer ok = org.signIn(ex01, "/owa/auth.owa", Map.of("destination", "https://ex01/owa/"), true);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.headers().get("Location")).containsExactly("https://ex01/owa/");
        assertThat(ok.headers().get("Set-Cookie")).anyMatch(c -> c.startsWith("cadata="))
                .anyMatch(c -> c.startsWith("cadataSig="));
        SimulatedHost.HttpAnswer refused = org.signIn(ex01, "/owa/auth.owa", Map.of(), false);
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.headers().get("Location")).singleElement().asString().contains("reason=2");
        assertThat(refused.headers()).doesNotContainKey("Set-Cookie");
        assertThat(org.signIn(ex01, "/owa/other", Map.of(), true)).isNull();
        assertThat(org.applicationLog(ex01)).noneMatch(e -> e.id() == 1003);
    }

    @Test
    void healthyScenarioAnswers200AndGetAuthConfigShowsTheSharedCertificate() {
        Organisation org = Scenario.load("healthy").build(2, clock);
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        assertThat(org.health(ex01, "/owa/healthcheck.htm").status()).isEqualTo(200);
        AuthConfig config = shell(org, "ex01").getAuthConfig();
        assertThat(config.currentThumbprint()).matches("[0-9A-F]{40}");
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), config.currentThumbprint())).isPresent();
        assertThat(config.distinguishedName()).startsWith("CN=Auth Configuration,CN=Contoso");
    }

    @Test
    void anAuthConfigWriteReachesOtherServersOnlyAfterTheSiteReplicationDelay() {
        Organisation org = Scenario.load("healthy").build(2, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        ExchangeCertificate created = ex01.newExchangeCertificate(authCertificate());
        ex01.setAuthConfig(SetAuthConfigRequest.stageNext(created.thumbprint(), START.plus(Duration.ofDays(3)), false));

        assertThat(ex01.getAuthConfig().nextThumbprint()).isEqualTo(created.thumbprint());
        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).isNull();
        clock.advance(Duration.ofMinutes(16));
        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).isEqualTo(created.thumbprint());
    }

    @Test
    void replicationThatNeverCompletesKeepsTheOldConfiguration() {
        Organisation org = Scenario.load("healthy").build(2, clock);
        org.server("ex02").orElseThrow().faults().stallReplication(START);
        ExchangeShell ex01 = shell(org, "ex01");
        ExchangeCertificate created = ex01.newExchangeCertificate(authCertificate());
        ex01.setAuthConfig(SetAuthConfigRequest.stageNext(created.thumbprint(), START.plus(Duration.ofDays(3)), false));
        clock.advance(Duration.ofDays(1));
        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).isNull();
        org.server("ex02").orElseThrow().faults().stallReplication(null);
        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).isEqualTo(created.thumbprint());
    }

    @Test
    void aStallNeverTakesBackWhatAServerHasAlreadyRead() {
        Organisation org = Scenario.load("healthy").build(2, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        ExchangeCertificate created = ex01.newExchangeCertificate(authCertificate());
        ex01.setAuthConfig(SetAuthConfigRequest.stageNext(created.thumbprint(), START.plus(Duration.ofDays(3)), false));
        clock.advance(Duration.ofMinutes(15));
        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).as("arrived at this instant").isEqualTo(created.thumbprint());

        org.server("ex02").orElseThrow().faults().stallReplication(clock.instant());

        assertThat(shell(org, "ex02").getAuthConfig().nextThumbprint()).as("still read after the stall").isEqualTo(created.thumbprint());
    }

    @Test
    void clearingThePreviousWhileAServerLacksTheCurrentIsWitnessed() {
        Organisation org = Scenario.load("missing-on-some").build(3, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        AuthConfig now = org.authConfigInDirectory();
        org.writeAuthConfig(org.server("ex01").orElseThrow(), new AuthConfig(now.currentThumbprint(),
                "0123456789ABCDEF0123456789ABCDEF01234567", null, null, now.serviceName(), now.realm(), now.distinguishedName()));
        assertThat(org.authConfigInDirectory().previousThumbprint()).isNotNull();

        ex01.setAuthConfig(SetAuthConfigRequest.clearPrevious());

        assertThat(org.clearedWhileLacking()).singleElement().asString()
                .contains("previous certificate cleared while ex02 lacks the current one");
    }

    @Test
    void theServiceletDeploysWithinTheSiteAtServiceStartAndEvery12Hours() {
        Organisation org = Scenario.load("missing-on-some").build(3, clock);
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        ExchangeServer ex02 = org.server("ex02").orElseThrow();
        String current = org.authConfigSeenBy(ex01).currentThumbprint();
        assertThat(org.certificateOn(ex02, current)).isEmpty();
        assertThat(org.signInStatus(ex02)).isEqualTo(500);

        org.restartService(ex01, "MSExchangeServiceHost");
        assertThat(org.certificateOn(ex02, current)).isPresent();
        // The pool cached nothing when it started; only a recycle picks the certificate up.
        assertThat(org.signInStatus(ex02)).isEqualTo(500);
        org.restartAppPool(ex02, "MSExchangeOWAAppPool");
        assertThat(org.signInStatus(ex02)).isEqualTo(302);
    }

    @Test
    void theServiceletCatchesUpWhenTheClockJumps() {
        Organisation org = Scenario.load("missing-on-some").build(2, clock);
        ExchangeServer ex02 = org.server("ex02").orElseThrow();
        String current = org.authConfigSeenBy(ex02).currentThumbprint();
        clock.advance(Duration.ofHours(5));
        assertThat(org.certificateOn(ex02, current)).isEmpty();
        clock.advance(Duration.ofHours(1)); // the service host started 6h before: 12h mark reached
        assertThat(org.certificateOn(ex02, current)).isPresent();
    }

    @Test
    void theServiceletPublishesTheNextCertificateOnceItsEffectiveDateIsReached() {
        Organisation org = Scenario.load("staged").build(2, clock);
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        AuthConfig before = org.authConfigSeenBy(ex01);
        assertThat(before.nextThumbprint()).isNotNull();
        clock.advance(Duration.ofHours(48));
        assertThat(org.authConfigSeenBy(ex01).currentThumbprint()).isEqualTo(before.currentThumbprint());
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), before.nextThumbprint())).isPresent();
        clock.advance(Duration.ofHours(13));
        AuthConfig after = org.authConfigSeenBy(ex01);
        assertThat(after.currentThumbprint()).isEqualTo(before.nextThumbprint());
        assertThat(after.previousThumbprint()).isEqualTo(before.currentThumbprint());
        assertThat(after.nextThumbprint()).isNull();
    }

    @Test
    void setAuthConfigRefusesBadInputAndChangesNothing() {
        Organisation org = Scenario.load("healthy").build(1, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        AuthConfig before = ex01.getAuthConfig();
        ExchangeCertificate created = ex01.newExchangeCertificate(authCertificate());
        String t = created.thumbprint();

        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext(t, START.minusMillis(1), true)))
                .hasMessage(ExchangeShell.EFFECTIVE_DATE_INVALID);
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext(t, START.plus(Duration.ofHours(47)), false)))
                .hasMessage(ExchangeException.NON_INTERACTIVE);
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext("ABCDEF", START, true)))
                .hasMessageContaining("was not found");
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext(before.currentThumbprint(), START, true)))
                .hasMessageContaining("same as the current");
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext(t, START.plus(Duration.ofDays(6 * 365)), true)))
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.publish()))
                .hasMessageContaining("no next certificate");
        assertThat(ex01.getAuthConfig()).isEqualTo(before);

        // Now itself is accepted (the frozen clock has not moved since Get-Date); with -Force no confirmation is needed.
        ex01.setAuthConfig(SetAuthConfigRequest.stageNext(t.toLowerCase(), START, true));
        ex01.setAuthConfig(SetAuthConfigRequest.publish());
        ex01.setAuthConfig(SetAuthConfigRequest.clearPrevious());
        AuthConfig after = ex01.getAuthConfig();
        assertThat(after.currentThumbprint()).isEqualTo(t);
        assertThat(after.previousThumbprint()).isNull();
        assertThat(after.nextThumbprint()).isNull();
    }

    @Test
    void anExpiredCertificateCannotBeStaged() {
        Organisation org = Scenario.load("expired").build(1, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        String expired = ex01.getAuthConfig().currentThumbprint();
        org.writeAuthConfig(org.server("ex01").orElseThrow(), ex01.getAuthConfig().withCurrent(null));
        assertThatThrownBy(() -> ex01.setAuthConfig(SetAuthConfigRequest.stageNext(expired, START, true)))
                .hasMessageContaining("isn't valid now");
    }

    @Test
    void newExchangeCertificateMakesARealCertificateAndAsksBeforeReplacingTheSmtpDefault() {
        Organisation org = Scenario.load("healthy").build(1, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        assertThatThrownBy(() -> ex01.newExchangeCertificate(new NewCertificateRequest(null, null, null, null, null, null, null, false)))
                .hasMessage(ExchangeException.NON_INTERACTIVE);
        ExchangeCertificate c = ex01.newExchangeCertificate(new NewCertificateRequest(2048, true,
                "cn=Microsoft Exchange Server Auth Certificate", "Auth", List.of(), "None", null, false));
        assertThat(c.subject()).isEqualTo("CN=Microsoft Exchange Server Auth Certificate");
        assertThat(c.isSelfSigned()).isTrue();
        assertThat(c.publicKeySize()).isEqualTo(2048);
        assertThat(c.domains()).isEmpty();
        assertThat(AllowedServices.format(c.services())).isEqualTo("None");
        assertThat(c.notAfter()).isEqualTo(START.plus(ExchangeShell.SELF_SIGNED_LIFETIME));
        assertThat(ex01.getExchangeCertificate(c.thumbprint().toLowerCase(), null)).containsExactly(c);
        assertThatThrownBy(() -> ex01.getExchangeCertificate("00FF", null))
                .hasMessage("A special Rpc error occurs on server EX01: The certificate with thumbprint 00FF was not found.");
    }

    @Test
    void exportAndImportCarryTheCertificateWithItsKeyToAnotherSite() {
        Organisation org = Scenario.load("multi-site").build(2, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        ExchangeCertificate c = ex01.newExchangeCertificate(authCertificate());
        byte[] pfx = ex01.exportExchangeCertificate(c.thumbprint(), null, "pw".toCharArray());
        assertThatThrownBy(() -> ex01.importExchangeCertificate(pfx, "wrong".toCharArray(), "ex02", false, null))
                .hasMessageContaining("password");
        ExchangeCertificate imported = ex01.importExchangeCertificate(pfx, "pw".toCharArray(), "ex02", false, null);
        assertThat(imported.thumbprint()).isEqualTo(c.thumbprint());
        assertThat(imported.hasPrivateKey()).isTrue();
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), c.thumbprint())).isPresent();
    }

    @Test
    void theServiceletCopiesAcrossSitesUnlessACopyIsStalled() {
        Organisation org = Scenario.load("multi-site").build(4, clock);
        ExchangeShell ex01 = shell(org, "ex01");
        ExchangeCertificate c = ex01.newExchangeCertificate(authCertificate());
        ex01.setAuthConfig(SetAuthConfigRequest.stageNext(c.thumbprint(), START.plus(Duration.ofDays(3)), false));
        org.server("ex04").orElseThrow().faults().stallCertificateCopy(true);
        org.restartService(org.server("ex01").orElseThrow(), "MSExchangeServiceHost");
        assertThat(org.certificateOn(org.server("ex03").orElseThrow(), c.thumbprint())).isPresent(); // same site
        assertThat(org.certificateOn(org.server("ex02").orElseThrow(), c.thumbprint())).isPresent(); // branch site
        assertThat(org.certificateOn(org.server("ex04").orElseThrow(), c.thumbprint())).isEmpty(); // branch, stalled
    }

    @Test
    void restartingTheServiceHostOnTheServerThatLacksTheCertificateFetchesIt() {
        Organisation org = Scenario.load("missing-on-some").build(3, clock);
        ExchangeServer ex02 = org.server("ex02").orElseThrow();
        String current = org.authConfigSeenBy(ex02).currentThumbprint();
        assertThat(org.certificateOn(ex02, current)).isEmpty();
        org.restartService(ex02, "MSExchangeServiceHost"); // the runbook's step on the lagging server
        assertThat(org.certificateOn(ex02, current)).isPresent();
        assertThat(org.lastServiceletRun(ex02)).contains(START);
    }

    @Test
    void aScenarioPublishedAfterThePoolsStartedLeavesThemOnThePreviousCertificate() {
        Organisation org = Scenario.parse("published", """
                servers: {app_pools_started: -6h, service_host_started: -1d}
                certificates:
                  - {id: old, subject: CN=Microsoft Exchange Server Auth Certificate, not_before: -400d, not_after: +300d, exportable: true, on: [all]}
                  - {id: new, subject: CN=Microsoft Exchange Server Auth Certificate, not_before: -3d, not_after: +1800d, exportable: true, on: [all]}
                auth_config: {current: new, previous: old, published: -2h}
                """).build(2, clock);
        ExchangeServer ex01 = org.server("ex01").orElseThrow();
        AuthConfig now = org.authConfigSeenBy(ex01);
        assertThat(org.appPool(ex01, "MSExchangeOWAAppPool").orElseThrow().cachedThumbprint()).isEqualTo(now.previousThumbprint());
        assertThat(org.applicationLog(ex01)).singleElement().satisfies(e -> {
            assertThat(e.timeCreated()).isEqualTo(START.minus(Duration.ofHours(2)));
            assertThat(e.id()).isEqualTo(Organisation.CERTIFICATE_PUBLISHED_EVENT);
            assertThat(e.message()).endsWith(now.currentThumbprint() + ".");
        });
        assertThat(org.applicationLog(org.server("ex02").orElseThrow())).isEmpty();
    }

    @Test
    void edgeServersHaveNoAuthCertificateNoPoolsAndNoAuthConfig() {
        Organisation org = Scenario.load("with-edge").build(3, clock);
        ExchangeServer edge = org.server("ex03").orElseThrow();
        assertThat(edge.isEdge()).isTrue();
        assertThat(org.appPools(edge)).isEmpty();
        assertThat(org.certificatesOn(edge)).hasSize(1);
        assertThatThrownBy(() -> new ExchangeShell(org, edge).getAuthConfig()).isInstanceOf(ExchangeException.class);
    }
}
