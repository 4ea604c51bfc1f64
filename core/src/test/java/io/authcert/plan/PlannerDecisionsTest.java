package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.healthy;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.playbook.Serial;
import io.authcert.playbook.modules.AuthCertificateSpec.Distribute;
import io.authcert.playbook.modules.AuthCertificateSpec.HybridPolicy;
import io.authcert.playbook.modules.AuthCertificateSpec.Rotation;
import io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy;
import io.authcert.playbook.modules.BackendBindingSpec;
import io.authcert.testing.PsSyntaxCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decision of the runbook as a case: facts at a fixed clock in, the steps (by id) out. */
class PlannerDecisionsTest {

    private static final String C = tp("C");
    private static final String OLD = tp("OLD");
    private static final String N = tp("N");
    private static final String R = tp("R");
    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    record Case(String name, Supplier<PlanRequest> request, List<String> expectedSteps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("healthy: empty plan", () -> healthy("ex01", "ex02", "ex03").request(spec()), List.of()),
                new Case("expired everywhere: immediate replacement", () -> new FactsBuilder().hosts("ex01", "ex02")
                        .authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null).request(spec()), List.of(
                        "p1.ex01.create_certificate.new",
                        "p2.ex01.stage_next_certificate.new",
                        "p3.ex01.publish_certificate.new",
                        "p4.ex01.wait_for_certificate.new", "p4.ex02.wait_for_certificate.new",
                        "p5.ex01.restart_service.MSExchangeServiceHost", "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.ex02.restart_service.MSExchangeServiceHost", "p5.ex02.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p6.ex01.clear_previous_certificate")),
                new Case("AuthConfig names no current certificate: immediate replacement", () -> new FactsBuilder().hosts("ex01")
                        .auth(null, null, null, null).request(spec()), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new", "p3.ex01.publish_certificate.new",
                        "p4.ex01.wait_for_certificate.new", "p5.ex01.restart_service.MSExchangeServiceHost",
                        "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p5.ex01.recycle_app_pool.MSExchangeECPAppPool")),
                new Case("current missing on every server: immediate replacement", () -> new FactsBuilder().hosts("ex01")
                        .auth(OLD, null, null, null).request(spec()), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new", "p3.ex01.publish_certificate.new",
                        "p4.ex01.wait_for_certificate.new", "p5.ex01.restart_service.MSExchangeServiceHost",
                        "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p5.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p6.ex01.clear_previous_certificate")),
                new Case("inside the renewal window: staged rotation", () -> new FactsBuilder().hosts("ex01", "ex02")
                        .authCert(C, days(-1800), days(40)).auth(C, null, null, null).request(spec()), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                        "p3.ex02.wait_for_certificate.new")),
                new Case("renewal window, 1 day left: immediate replacement", () -> new FactsBuilder().hosts("ex01")
                        .authCert(C, days(-1800), NOW.plus(Duration.ofHours(30))).auth(C, null, null, null).request(spec()),
                        List.of("p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                                "p3.ex01.publish_certificate.new", "p4.ex01.wait_for_certificate.new",
                                "p5.ex01.restart_service.MSExchangeServiceHost", "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                                "p5.ex01.recycle_app_pool.MSExchangeECPAppPool", "p6.ex01.clear_previous_certificate")),
                new Case("rotation: immediate inside the window: immediate replacement", () -> new FactsBuilder().hosts("ex01")
                        .authCert(C, days(-1800), days(40)).auth(C, null, null, null)
                        .request(spec(Rotation.IMMEDIATE, HybridPolicy.STOP, UnreachablePolicy.STOP, null)),
                        List.of("p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                                "p3.ex01.publish_certificate.new", "p4.ex01.wait_for_certificate.new",
                                "p5.ex01.restart_service.MSExchangeServiceHost", "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                                "p5.ex01.recycle_app_pool.MSExchangeECPAppPool", "p6.ex01.clear_previous_certificate")),
                new Case("next staged, due, not published: publish, recycle, clear", () -> new FactsBuilder().hosts("ex01", "ex02")
                        .authCert(C, days(-1800), days(20)).authCert(N, days(-10), days(1800))
                        .auth(C, null, N, NOW.minus(Duration.ofHours(1))).request(spec()), List.of(
                        "p1.ex01.publish_certificate." + N.substring(0, 8),
                        "p2.ex01.wait_for_auth_config." + N.substring(0, 8),
                        "p2.ex02.wait_for_auth_config." + N.substring(0, 8),
                        "p3.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p3.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p3.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p3.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex01.clear_previous_certificate")),
                new Case("next due but missing on one server: it waits before the publish", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(20)).authCert(N, days(-10), days(1800), "ex01")
                        .auth(C, null, N, NOW.minus(Duration.ofHours(1))).request(spec()), List.of(
                        "p1.ex02.wait_for_certificate." + N.substring(0, 8),
                        "p2.ex01.publish_certificate." + N.substring(0, 8),
                        "p3.ex01.wait_for_auth_config." + N.substring(0, 8),
                        "p3.ex02.wait_for_auth_config." + N.substring(0, 8),
                        "p4.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.ex01.clear_previous_certificate")),
                new Case("next staged and not due, on every server: nothing to do", () -> new FactsBuilder().hosts("ex01", "ex02")
                        .authCert(C, days(-1800), days(40)).authCert(N, days(-1), days(1800))
                        .auth(C, null, N, days(10)).request(spec()), List.of()),
                new Case("next staged in time, current expires in under 2 days: nothing to do", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), NOW.plus(Duration.ofHours(40)))
                        .authCert(N, days(-1), days(1800)).auth(C, null, N, NOW.plus(Duration.ofHours(20))).request(spec()),
                        List.of()),
                new Case("staged next missing on one server: wait for it, create nothing", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).authCert(N, days(-1), days(1800), "ex01")
                        .auth(C, null, N, days(10)).request(spec()), List.of(
                        "p1.ex02.wait_for_certificate." + N.substring(0, 8))),
                new Case("current missing on one server (distribute: wait)", () -> healthy("ex01", "ex02", "ex03")
                        .authCert(C, days(-400), days(1000), "ex01", "ex02").request(spec()), List.of()),
                new Case("interrupted run left a certificate, current expired: reuse it", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1)).authCert(R, days(-1), days(1800), "ex01")
                        .auth(OLD, null, null, null).request(spec()), List.of(
                        "p1.ex01.stage_next_certificate." + R.substring(0, 8),
                        "p2.ex01.publish_certificate." + R.substring(0, 8),
                        "p3.ex01.wait_for_certificate." + R.substring(0, 8), "p3.ex02.wait_for_certificate." + R.substring(0, 8),
                        "p4.ex01.restart_service.MSExchangeServiceHost", "p4.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                        "p4.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex02.restart_service.MSExchangeServiceHost", "p4.ex02.recycle_app_pool.MSExchangeOWAAppPool",
                        "p4.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.ex01.clear_previous_certificate")),
                new Case("interrupted run left a certificate, renewal window: stage it", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).authCert(R, days(-1), days(1800), "ex01")
                        .auth(C, null, null, null).request(spec()), List.of(
                        "p1.ex01.stage_next_certificate." + R.substring(0, 8),
                        "p2.ex02.wait_for_certificate." + R.substring(0, 8))),
                new Case("previous set, every server on the current one since its publish: clear previous", () -> healthy("ex01", "ex02")
                        .auth(C, OLD, null, null).published(C, days(-30), "ex01").request(spec()),
                        List.of("p1.ex01.clear_previous_certificate")),
                new Case("previous set, publish time unknown: recycle what may sign with it, then clear", () -> healthy("ex01", "ex02")
                        .auth(C, OLD, null, null).request(spec()), List.of(
                        "p1.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p1.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p1.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p1.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p2.ex01.clear_previous_certificate")),
                new Case("app pools started before the current certificate: recycle there", () -> healthy("ex01", "ex02")
                        .poolsStarted("ex02", days(-500)).request(spec()), List.of(
                        "p1.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p1.ex02.recycle_app_pool.MSExchangeECPAppPool")),
                new Case("OWA sign-in failed after a server's pools started: recycle them there", () -> healthy("ex01", "ex02")
                        .signInErrors("ex02", 4, days(-1).plus(java.time.Duration.ofHours(2))).request(spec()), List.of(
                        "p1.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p1.ex02.recycle_app_pool.MSExchangeECPAppPool")),
                new Case("OWA sign-in failed before the pools started: nothing (they were recycled since)", () -> healthy("ex01", "ex02")
                        .signInErrors("ex02", 4, days(-2)).request(spec()), List.of()),
                new Case("AuthConfig not replicated to one server: wait for it, then recycle its pools", () -> healthy("ex01", "ex02")
                        .authOn("ex02", OLD).request(spec()), List.of("p1.ex02.wait_for_auth_config." + C.substring(0, 8),
                        "p2.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p2.ex02.recycle_app_pool.MSExchangeECPAppPool")),
                new Case("hybrid but healthy: nothing to do, no stop", () -> healthy("ex01").hybrid("ex01").request(spec()),
                        List.of()),
                new Case("Edge server: skipped", () -> healthy("ex01", "edge01").edge("edge01").request(spec()), List.of()),
                new Case("two organisations, both expired: one certificate each, on each primary", () -> new FactsBuilder()
                        .hosts("a1", "b1", "a2").organization("fabrikam", "b1")
                        .authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null).request(spec()), List.of(
                        "p1.a1.create_certificate.new", "p1.b1.create_certificate.new",
                        "p2.a1.stage_next_certificate.new", "p2.b1.stage_next_certificate.new",
                        "p3.a1.publish_certificate.new", "p3.b1.publish_certificate.new",
                        "p4.a1.wait_for_certificate.new", "p4.b1.wait_for_certificate.new", "p4.a2.wait_for_certificate.new",
                        "p5.a1.restart_service.MSExchangeServiceHost", "p5.a1.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.a1.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.b1.restart_service.MSExchangeServiceHost", "p5.b1.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.b1.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.a2.restart_service.MSExchangeServiceHost", "p5.a2.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.a2.recycle_app_pool.MSExchangeECPAppPool",
                        "p6.a1.clear_previous_certificate", "p6.b1.clear_previous_certificate")),
                new Case("primary named in the spec runs the organisation-wide steps", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).auth(C, null, null, null)
                        .request(spec(Rotation.AUTO, HybridPolicy.STOP, UnreachablePolicy.STOP, "ex02")), List.of(
                        "p1.ex02.create_certificate.new", "p2.ex02.stage_next_certificate.new",
                        "p3.ex01.wait_for_certificate.new")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decisions(Case c) {
        Plan plan = new Planner().plan(c.request().get());
        assertThat(plan.steps()).extracting(Step::id).containsExactlyElementsOf(c.expectedSteps());
        assertThat(plan.isEmpty()).isEqualTo(c.expectedSteps().isEmpty());
        collectScripts(c.name(), plan);
    }

    @Test
    void currentMissingOnOneServerIsImportedWithDistributeImport() {
        Plan plan = new Planner().plan(healthy("ex01", "ex02", "ex03").authCert(C, NOW.minus(Duration.ofDays(400)), days(1000))
                .request(spec(Distribute.IMPORT)));
        assertThat(plan.steps()).isEmpty();
        FactsBuilder lacking = new FactsBuilder().hosts("ex01", "ex02", "ex03")
                .authCert(C, days(-400), days(1000), "ex01", "ex02").auth(C, null, null, null);
        Plan imported = new Planner().plan(lacking.request(spec(Distribute.IMPORT)));
        assertThat(imported.steps()).extracting(Step::id).containsExactly(
                "p1.ex03.import_certificate." + C.substring(0, 8),
                "p2.ex03.wait_for_certificate." + C.substring(0, 8),
                "p3.ex03.restart_service.MSExchangeServiceHost", "p3.ex03.recycle_app_pool.MSExchangeOWAAppPool",
                "p3.ex03.recycle_app_pool.MSExchangeECPAppPool");
        Step importStep = imported.steps().get(0);
        assertThat(importStep.details()).containsEntry("from_server", "EX01").containsEntry("thumbprint", C);
        assertThat(importStep.script().shown()).contains("Export-ExchangeCertificate -Server 'EX01'")
                .contains("Import-ExchangeCertificate -Server 'EX03'").contains("[System.Guid]::NewGuid()").contains("-Password $password");
        collectScripts("import", imported);

        Plan waited = new Planner().plan(lacking.request(spec()));
        assertThat(waited.steps()).extracting(Step::id).containsExactly(
                "p1.ex03.wait_for_certificate." + C.substring(0, 8),
                "p2.ex03.restart_service.MSExchangeServiceHost", "p2.ex03.recycle_app_pool.MSExchangeOWAAppPool",
                "p2.ex03.recycle_app_pool.MSExchangeECPAppPool");
        assertThat(waited.steps().get(0).timeout()).isEqualTo(spec().replicationTimeout());
    }

    @Test
    void withDistributeWaitASiteWithoutAnyHolderGetsOneImport() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01", "br01", "ex02", "br02")
                .site("Branch-Site", "br01", "br02").authCert(C, days(-1800), days(40)).auth(C, null, null, null)
                .request(spec()));
        assertThat(plan.steps()).extracting(Step::id).containsExactly(
                "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                "p3.br01.import_certificate.new",
                "p4.br01.wait_for_certificate.new", "p4.ex02.wait_for_certificate.new", "p4.br02.wait_for_certificate.new");
        assertThat(plan.steps().get(2).reason()).contains("AD site Branch-Site").contains("copy across sites may fail");
        collectScripts("multi-site", plan);
    }

    @Test
    void aWaitLeftToTheServiceHostNamesItsNudgeTheSiteItCopiesFromAndTheRequestsInterval() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "br01", "ex02", "br02")
                .site("Branch-Site", "br01", "br02").authCert(C, days(-1800), days(40)).auth(C, null, null, null);
        Plan plan = new Planner().plan(b.request(spec()).withNudgeInterval(Duration.ofMinutes(7)));
        Map<String, Step> waits = new java.util.LinkedHashMap<>();
        plan.steps().stream().filter(Step::isWait).forEach(w -> waits.put(w.host(), w));

        assertThat(waits.get("br01").nudge()).as("br01 gets an import, so its wait restarts nothing").isNull();
        assertThat(waits.get("ex02").nudge()).isEqualTo(new Nudge(ExchangeNames.SERVICE_HOST, List.of("ex02", "ex01"),
                Duration.ofMinutes(7)));
        assertThat(waits.get("br02").nudge()).isEqualTo(new Nudge(ExchangeNames.SERVICE_HOST, List.of("br02", "br01"),
                Duration.ofMinutes(7)));
        assertThat(plan.steps()).allSatisfy(st -> assertThat(st.details()).doesNotContainKey("nudge_service"));
    }

    @Test
    void withDistributeImportNoWaitNudges() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(40))
                .auth(C, null, null, null).request(spec(Distribute.IMPORT)));

        assertThat(plan.steps()).filteredOn(Step::isWait).isNotEmpty().allSatisfy(w -> assertThat(w.nudge()).isNull());
    }

    @Test
    void stagedEffectiveDateFollowsMicrosoftsShortening() {
        assertThat(stagedDays(40)).isEqualTo("30");
        assertThat(stagedDays(20)).isEqualTo("4");
        assertThat(stagedDays(5)).isEqualTo("4");
        assertThat(stagedDays(3)).isEqualTo("2");
        assertThat(EffectiveDate.days(1, NOW, days(40))).as("never under 48 hours").isEqualTo(2);
        assertThat(EffectiveDate.days(30, NOW, NOW.plus(Duration.ofHours(47)))).isZero();
    }

    private static String stagedDays(long daysLeft) {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01").authCert(C, days(-1800), days(daysLeft))
                .auth(C, null, null, null).request(spec()));
        Step stage = plan.steps().stream().filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE).findFirst().orElseThrow();
        assertThat(Instant.parse(stage.details().get("effective_date")))
                .isAfterOrEqualTo(NOW.plus(Duration.ofHours(48)));
        assertThat(stage.script().shown()).contains(".AddDays(" + stage.details().get("effective_in_days") + ")")
                .contains("Set-AuthConfig -NewCertificateThumbprint $thumbprint -NewCertificateEffectiveDate $effective -Force");
        return stage.details().get("effective_in_days");
    }

    @Test
    void immediateReplacementSetsTheCertificateEffectiveNowWithForceAndKeepsTheSmtpDefault() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null).request(spec()));
        Step create = plan.steps().get(0);
        String smtp = tp("exchange-ex01");
        assertThat(create.action()).isEqualTo(Action.CREATE_CERTIFICATE);
        assertThat(create.orgWide()).isTrue();
        assertThat(create.script().shown())
                .contains("New-ExchangeCertificate -Server 'EX01' -KeySize 2048 -PrivateKeyExportable $true"
                        + " -SubjectName 'CN=Microsoft Exchange Server Auth Certificate'")
                .contains("-DomainName @() -Services 'SMTP' -Force")
                .contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint '" + smtp + "' -Services 'SMTP' -Force");
        assertThat(create.details()).containsEntry("smtp_certificate_kept", smtp)
                .containsEntry("friendly_name", "Microsoft Exchange Server Auth Certificate - 20261126090000");
        Step set = plan.steps().get(1);
        assertThat(set.script().shown()).contains("AddDays(0)").contains("-Force");
        assertThat(set.details()).containsEntry("effective_in_days", "0");
        assertThat(plan.steps().get(2).script().shown()).contains("Set-AuthConfig -PublishCertificate");
    }

    @Test
    void thePlaysTimeoutBoundsEveryCommandButNotTheWaits() {
        PlanRequest plain = new FactsBuilder().hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null).request(spec());
        PlanRequest bounded = new PlanRequest(plain.playbook(), plain.hosts(), plain.serial(), plain.failurePolicy(),
                plain.certificate(), plain.backendBinding(), plain.serviceRestarts(), plain.appPoolRecycles(), plain.facts(),
                plain.organizationVars(), plain.now(), null, null, Duration.ofSeconds(42));

        Plan defaults = new Planner().plan(plain);
        Plan plan = new Planner().plan(bounded);

        assertThat(defaults.steps()).filteredOn(s -> !s.isWait()).extracting(Step::timeout)
                .containsOnly(Duration.ofMinutes(5), Duration.ofMinutes(10));
        assertThat(plan.steps()).filteredOn(s -> !s.isWait()).isNotEmpty().extracting(Step::timeout)
                .containsOnly(Duration.ofSeconds(42));
        assertThat(plan.steps()).filteredOn(Step::isWait).isNotEmpty().extracting(Step::timeout)
                .containsOnly(spec().replicationTimeout());
    }

    @Test
    void newCertificateIsCreatedForNoServiceWhenTheServerHasNoSmtpCertificate() {
        FactsBuilder b = new FactsBuilder().hosts("ex01").authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null);
        b.hosts("ex01"); // replaces ex01 with a fresh host so the SMTP certificate can be swapped out below
        FactsBuilder noSmtp = new FactsBuilder().hosts("ex01").auth(OLD, null, null, null)
                .certificate("ex01", new io.authcert.facts.CertificateFacts(tp("web"), "CN=mail.contoso.test", "web",
                        days(-10), days(300), true, false, false, List.of("IIS"), "Valid", 2048, List.of()));
        Plan plan = new Planner().plan(new PlanRequest("p.yml", List.of("ex01"), null, null, spec(), null, null, null,
                withoutSmtp(noSmtp.build()), Map.of(), NOW));
        Step create = plan.steps().get(0);
        assertThat(create.script().shown()).contains("-Services 'None' -Force").doesNotContain("Enable-ExchangeCertificate");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("cannot take over the default SMTP certificate"));
    }

    private static io.authcert.facts.Facts withoutSmtp(io.authcert.facts.Facts facts) {
        Map<String, io.authcert.facts.HostFacts> out = new LinkedHashMap<>();
        facts.hosts().forEach((name, h) -> out.put(name, new io.authcert.facts.HostFacts(h.host(), h.gatheredAt(), h.server(),
                h.authConfig(), h.certificates().stream().filter(c -> !c.services().contains("SMTP")).toList(),
                h.serviceHost(), h.appPools(), h.backendBinding(), h.hybrid(), h.errors(), h.authAdmin(), h.organizationServers())));
        return new io.authcert.facts.Facts(out);
    }

    @Test
    void hybridWithANewCertificateStopsUnlessAcknowledged() {
        FactsBuilder expired = new FactsBuilder().hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null).hybrid("ex02");
        assertThatThrownBy(() -> new Planner().plan(expired.request(spec())))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("hybrid")
                .satisfies(e -> assertThat(((PlanningException) e).reasons().get(0).hint()).contains("hybrid: acknowledge"));
        Plan plan = new Planner().plan(expired.request(spec(Rotation.AUTO, HybridPolicy.ACKNOWLEDGE, UnreachablePolicy.STOP, null)));
        assertThat(plan.followups()).singleElement().asString().contains("Hybrid Configuration Wizard").contains("Entra ID");
        assertThat(plan.steps()).filteredOn(s -> s.action() == Action.MANUAL_FOLLOWUP).singleElement()
                .satisfies(s -> assertThat(s.script().shown()).isEmpty());
        assertThat(plan.phases().get(plan.phases().size() - 1).steps()).extracting(Step::action)
                .containsExactly(Action.MANUAL_FOLLOWUP);
    }

    @Test
    void unreachableServersStopTheUnlessSkipped() {
        FactsBuilder b = healthy("ex01", "ex02", "ex03").auth(C, OLD, null, null).published(C, days(-30)).unreachable("ex03");
        assertThatThrownBy(() -> new Planner().plan(b.request(spec())))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("ex03: unreachable: connection refused")
                .satisfies(e -> assertThat(((PlanningException) e).reasons().get(0).hint()).contains("unreachable: skip"));
        Plan plan = new Planner().plan(b.request(spec(Rotation.AUTO, HybridPolicy.STOP, UnreachablePolicy.SKIP, null)));
        assertThat(plan.skippedHosts()).containsExactly("ex03");
        assertThat(plan.hosts()).containsExactly("ex01", "ex02");
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("ex03: skipped"));
        assertThat(plan.steps()).extracting(Step::id).containsExactly("p1.ex01.clear_previous_certificate");
    }

    @Test
    void edgeServersAreSkippedWithANote() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01", "edge01").edge("edge01")
                .authCert(OLD, days(-1900), days(-1), "ex01").auth(OLD, null, null, null).request(spec()));
        assertThat(plan.skippedHosts()).containsExactly("edge01");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("edge01") && w.contains("Edge Transport"));
        assertThat(plan.steps()).noneMatch(s -> s.host().equals("edge01"));
    }

    @Test
    void clockSkewOverFiveMinutesStops() {
        FactsBuilder b = healthy("ex01", "ex02").clock("ex02", NOW.minus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> new Planner().plan(b.request(spec())))
                .isInstanceOf(PlanningException.class).hasMessageContaining("ex02: clock is 360 s off");
        assertThat(new Planner().plan(healthy("ex01", "ex02").clock("ex02", NOW.minus(Duration.ofMinutes(4)))
                .request(spec())).isEmpty()).isTrue();
    }

    @Test
    void stagedRotationNeverReplacesImmediately() {
        FactsBuilder expired = new FactsBuilder().hosts("ex01").authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null);
        assertThatThrownBy(() -> new Planner().plan(expired.request(spec(Rotation.STAGED, HybridPolicy.STOP,
                UnreachablePolicy.STOP, null)))).isInstanceOf(PlanningException.class).hasMessageContaining("rotation: staged");
    }

    @Test
    void unknownPrimaryStops() {
        assertThatThrownBy(() -> new Planner().plan(healthy("ex01").request(spec(Rotation.AUTO, HybridPolicy.STOP,
                UnreachablePolicy.STOP, "ex09")))).isInstanceOf(PlanningException.class).hasMessageContaining("primary 'ex09'");
    }

    @Test
    void restartsRollPerThePlaysSerial() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02", "ex03").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null);
        PlanRequest r = b.request(spec());
        Plan plan = new Planner().plan(new PlanRequest(r.playbook(), r.hosts(), new Serial(List.of("1", "50%")),
                new Plan.FailurePolicy(true, 30), r.certificate(), null, null, null, r.facts(), Map.of(), NOW));
        assertThat(plan.phases()).filteredOn(Phase::rolling).singleElement()
                .satisfies(p -> assertThat(p.serial()).containsExactly("1", "50%"))
                .satisfies(p -> assertThat(p.name()).isEqualTo("restart and recycle"));
        assertThat(plan.phases()).filteredOn(p -> !p.rolling()).allMatch(p -> p.serial().isEmpty());
        assertThat(plan.failurePolicy()).isEqualTo(new Plan.FailurePolicy(true, 30));
    }

    @Test
    void backendBindingIsRebound() {
        String expiring = tp("expiring");
        FactsBuilder b = healthy("ex01", "ex02")
                .certificate("ex02", new io.authcert.facts.CertificateFacts(expiring, "CN=EX02", "Microsoft Exchange",
                        days(-1800), days(5), true, false, true, List.of("IIS"), "Valid", 2048, List.of()))
                .bind("ex02", expiring);
        PlanRequest r = b.request(spec());
        Plan plan = new Planner().plan(new PlanRequest(r.playbook(), r.hosts(), null, null, r.certificate(),
                new BackendBindingSpec("Exchange Back End", 444, null, null, 30), null, null, r.facts(), Map.of(), NOW));
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("p1.ex02.bind_backend_certificate");
            assertThat(s.details()).containsEntry("thumbprint", tp("exchange-ex02"));
            assertThat(s.script().shown()).contains("Get-WebBinding -Name 'Exchange Back End' -Protocol 'https' -Port 444")
                    .contains(".AddSslCertificate('" + tp("exchange-ex02") + "', 'My')");
        });
        collectScripts("binding", plan);
    }

    @Test
    void planIsDeterministic() {
        PlanRequest r = new FactsBuilder().hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null).request(spec(Distribute.IMPORT));
        assertThat(new Planner().plan(r)).isEqualTo(new Planner().plan(r));
    }

    private static void collectScripts(String name, Plan plan) {
        for (Step s : plan.steps()) {
            if (!s.script().isEmpty()) {
                SCRIPTS.put(name + "-" + s.id(), s.script().sent());
            }
        }
    }

    /** One run of the independent checker over every script the cases produced. */
    @AfterAll
    static void everyGeneratedScriptIsValidPowerShell() {
        assertThat(SCRIPTS).isNotEmpty();
        PsSyntaxCheck.assertValid(SCRIPTS);
    }
}
