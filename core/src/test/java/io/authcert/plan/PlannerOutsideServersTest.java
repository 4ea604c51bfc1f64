package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.healthy;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.facts.OrganizationServer;
import io.authcert.facts.OrganizationServers;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.AuthCertificateSpec.HybridPolicy;
import io.authcert.playbook.modules.AuthCertificateSpec.Rotation;
import io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers of the organisation outside the plan (Get-ExchangeServer lists them, the inventory does not):
 * every runbook situation with EX09 outside, once without and once with {@code --ignore-server EX09}.
 * Without: only what cannot break EX09 runs, the rest is held for a person. With: the plan is exactly
 * the plan for an organisation without EX09.
 */
class PlannerOutsideServersTest {

    private static final String C = tp("C");
    private static final String OLD = tp("OLD");
    private static final String N = tp("N");
    private static final String R = tp("R");
    private static final List<String> IMMEDIATE_HELD = List.of(
            "create_certificate, stage_next_certificate, publish_certificate, restart_service, recycle_app_pool, "
                    + "clear_previous_certificate", "verdict");

    /**
     * @param situation     the organisation's facts without EX09
     * @param stepsWithout  the step ids planned while EX09 is outside and not ignored
     * @param heldWithout   what is held back then ({@link Hold#what()})
     */
    record Case(String name, Supplier<FactsBuilder> situation, AuthCertificateSpec spec, List<String> stepsWithout,
            List<String> heldWithout) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    private static List<String> restarts(int phase, String... hosts) {
        List<String> out = new java.util.ArrayList<>();
        for (String h : hosts) {
            out.addAll(List.of("p" + phase + "." + h + ".restart_service.MSExchangeServiceHost",
                    "p" + phase + "." + h + ".recycle_app_pool.MSExchangeOWAAppPool",
                    "p" + phase + "." + h + ".recycle_app_pool.MSExchangeECPAppPool"));
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    static Stream<Case> cases() {
        String n8 = N.substring(0, 8);
        return Stream.of(
                new Case("healthy, nothing to do: only the verdict is held", () -> healthy("ex01", "ex02"), spec(),
                        List.of(), List.of("verdict")),
                new Case("healthy with previous set: the previous certificate is kept", () -> healthy("ex01", "ex02")
                        .auth(C, OLD, null, null).published(C, days(-2)), spec(), List.of(), List.of("clear_previous_certificate", "verdict")),
                new Case("expired everywhere: replaced now (EX09 is broken anyway), previous kept", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null), spec(),
                        concat(List.of("p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                                "p3.ex01.publish_certificate.new", "p4.ex01.wait_for_certificate.new",
                                "p4.ex02.wait_for_certificate.new"), restarts(5, "ex01", "ex02")),
                        List.of("clear_previous_certificate", "verdict")),
                new Case("AuthConfig names no current certificate: replaced now", () -> new FactsBuilder().hosts("ex01")
                        .auth(null, null, null, null), spec(),
                        concat(List.of("p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                                "p3.ex01.publish_certificate.new", "p4.ex01.wait_for_certificate.new"), restarts(5, "ex01")),
                        List.of("verdict")),
                new Case("current missing on every server of the plan: EX09 may hold it, nothing is replaced",
                        () -> new FactsBuilder().hosts("ex01").auth(OLD, null, null, null), spec(), List.of(), IMMEDIATE_HELD),
                new Case("renewal window: nothing is staged for the servicelet to publish", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).auth(C, null, null, null), spec(),
                        List.of(), List.of("create_certificate, stage_next_certificate", "verdict")),
                new Case("renewal window with a leftover certificate: it is not staged", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).authCert(R, days(-1), days(1800), "ex01")
                        .auth(C, null, null, null), spec(), List.of(), List.of("stage_next_certificate", "verdict")),
                new Case("one day left: not replaced while EX09 may still use the current one", () -> new FactsBuilder()
                        .hosts("ex01").authCert(C, days(-1800), NOW.plus(Duration.ofHours(30))).auth(C, null, null, null),
                        spec(), List.of(), IMMEDIATE_HELD),
                new Case("rotation: immediate inside the window: held", () -> new FactsBuilder().hosts("ex01")
                        .authCert(C, days(-1800), days(40)).auth(C, null, null, null),
                        spec(Rotation.IMMEDIATE, HybridPolicy.STOP, UnreachablePolicy.STOP, null), List.of(), IMMEDIATE_HELD),
                new Case("next due, not published: published (the servicelet would), previous kept", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(20)).authCert(N, days(-10), days(1800))
                        .auth(C, null, N, NOW.minus(Duration.ofHours(1))), spec(), List.of(
                        "p1.ex01.publish_certificate." + n8, "p2.ex01.wait_for_auth_config." + n8,
                        "p2.ex02.wait_for_auth_config." + n8,
                        "p3.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p3.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p3.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p3.ex02.recycle_app_pool.MSExchangeECPAppPool"),
                        List.of("clear_previous_certificate", "verdict")),
                new Case("staged next missing on a server of the plan: it still travels there", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(40)).authCert(N, days(-1), days(1800), "ex01")
                        .auth(C, null, N, days(10)), spec(), List.of("p1.ex02.wait_for_certificate." + n8), List.of("verdict")),
                new Case("current missing on a server of the plan: it still gets it", () -> new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-400), days(1000), "ex01").auth(C, OLD, null, null).published(C, days(-2)), spec(),
                        concat(List.of("p1.ex02.wait_for_certificate." + C.substring(0, 8)), restarts(2, "ex02")),
                        List.of("clear_previous_certificate", "verdict")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void withAServerOutsideThePlanOnlyWhatCannotBreakItRuns(Case c) {
        Plan plan = new Planner().plan(c.situation().get().outside("ex09").request(c.spec()));

        assertThat(plan.steps()).extracting(Step::id).containsExactlyElementsOf(c.stepsWithout());
        assertThat(plan.held()).extracting(Hold::what).containsExactlyElementsOf(c.heldWithout());
        assertThat(plan.needsHuman()).isTrue();
        assertThat(plan.held()).allSatisfy(h -> assertThat(h.reason()).contains("EX09"));
        assertThat(plan.outsideServers()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("EX09");
            assertThat(s.ignored()).isFalse();
        });
        assertThat(plan.steps()).noneMatch(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE);
        assertThat(plan.steps()).noneMatch(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE
                && !"0".equals(s.details().get("effective_in_days")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ignoringTheServerPlansAsIfTheOrganisationHadNoOther(Case c) {
        Plan ignoring = new Planner().plan(c.situation().get().outside("ex09").request(c.spec(), "ex09.contoso.test"));
        Plan without = new Planner().plan(c.situation().get().request(c.spec()));

        assertThat(ignoring.steps()).extracting(Step::id).containsExactlyElementsOf(without.steps().stream().map(Step::id).toList());
        assertThat(ignoring.held()).isEmpty();
        assertThat(ignoring.needsHuman()).isFalse();
        assertThat(ignoring.outsideServers()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("EX09");
            assertThat(s.ignored()).isTrue();
        });
        assertThat(without.outsideServers()).isEmpty();
    }

    static Stream<Arguments> listedServers() {
        String site = "contoso.test/Configuration/Sites/Default-First-Site-Name";
        return Stream.of(
                Arguments.of("Exchange 2019 Mailbox", new OrganizationServer("EX09", "ex09.contoso.test", site,
                        List.of("Mailbox"), "Version 15.2 (Build 1544.4)", true, true, false), true),
                Arguments.of("Exchange 2016 Mailbox", new OrganizationServer("EX09", "ex09.contoso.test", site,
                        List.of("Mailbox"), "Version 15.1 (Build 2507.18)", true, true, false), true),
                Arguments.of("Exchange 2013 Client Access only", new OrganizationServer("EX09", "ex09.contoso.test", site,
                        List.of("ClientAccess"), "Version 15.0 (Build 1497.2)", false, true, false), true),
                Arguments.of("Edge Transport: neither Mailbox nor Client Access", new OrganizationServer("EDGE09",
                        "edge09.contoso.test", site, List.of("Edge"), "Version 15.2 (Build 1544.4)", false, false, true), false),
                Arguments.of("Exchange 2010 Mailbox: not Version 15", new OrganizationServer("EX2010", "ex2010.contoso.test",
                        site, List.of("Mailbox", "ClientAccess", "HubTransport"), "Version 14.3 (Build 123.4)", true, true, false),
                        false),
                Arguments.of("nothing read but the name: counts as needing it", new OrganizationServer("EX09", null, null,
                        List.of(), null, null, null, null), true),
                Arguments.of("flags not read, roles say Mailbox", new OrganizationServer("EX09", "ex09.contoso.test", site,
                        List.of("Mailbox"), "Version 15.2 (Build 1544.4)", null, null, null), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listedServers")
    void whichServersOfTheOrganisationMustHoldTheCertificate(String what, OrganizationServer listed, boolean outside) {
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2)).orgServer("contoso", listed)
                .request(spec()));

        assertThat(plan.needsHuman()).isEqualTo(outside);
        assertThat(plan.outsideServers()).hasSize(outside ? 1 : 0);
        assertThat(plan.steps().stream().anyMatch(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE)).isEqualTo(!outside);
    }

    @Test
    void anUnknownServerListHoldsTheSameAndSaysWhy() {
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2))
                .serverListUnknown("ex01", "Get-ExchangeServer failed: Active Directory is unavailable")
                .serverListUnknown("ex02", OrganizationServers.NOT_ASKED).request(spec()));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.held()).extracting(Hold::what).containsExactly("clear_previous_certificate", "verdict");
        assertThat(plan.held()).allSatisfy(h -> assertThat(h.reason()).contains("could not be listed on ex01",
                "Active Directory is unavailable"));
        assertThat(plan.outsideServers()).isEmpty();
    }

    @Test
    void anotherServersListCountsWhenThePrimarysCouldNotBeRead() {
        // The list is AD's, the same on every server: the engine asks one server, and a second when that one fails.
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2))
                .serverListUnknown("ex01", "Get-ExchangeServer failed: Active Directory is unavailable").request(spec()));

        assertThat(plan.held()).isEmpty();
        assertThat(plan.steps()).extracting(Step::id).containsExactly("p1.ex01.clear_previous_certificate");
    }

    @Test
    void aServerNotAskedForTheListSaysNothingAboutIt() {
        // ex01 (the primary) was not asked; ex02 listed every server, ex09 among them: outside the plan.
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2))
                .serverListUnknown("ex01", OrganizationServers.NOT_ASKED).outside("ex09").request(spec()));

        assertThat(plan.outsideServers()).extracting(OutsideServer::name).containsExactly("EX09");
        assertThat(plan.held()).extracting(Hold::what).containsExactly("clear_previous_certificate", "verdict");
    }

    @Test
    void onlyThePrimarysListCounts() {
        // ex02 lists nothing (say, AD replication lag); the primary ex01 lists every server: complete.
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2))
                .serverListUnknown("ex02", "Get-ExchangeServer failed").request(spec()));

        assertThat(plan.held()).isEmpty();
        assertThat(plan.steps()).extracting(Step::id).containsExactly("p1.ex01.clear_previous_certificate");
    }

    @Test
    void aServerLeftOutWithLimitIsOutsideThePlan() {
        FactsBuilder b = healthy("ex01", "ex02", "ex03").auth(C, OLD, null, null).published(C, days(-2));
        PlanRequest limited = new PlanRequest("p.yml", List.of("ex01", "ex02"), null, null, spec(), null, null, null, b.build(),
                java.util.Map.of(), NOW);

        Plan plan = new Planner().plan(limited);

        assertThat(plan.outsideServers()).extracting(OutsideServer::name).containsExactly("EX03");
        assertThat(plan.held()).extracting(Hold::what).containsExactly("clear_previous_certificate", "verdict");
        assertThat(new Planner().plan(limited.withIgnoredServers(List.of("EX03"))).steps()).extracting(Step::id)
                .containsExactly("p1.ex01.clear_previous_certificate");
    }

    @Test
    void anUnreachableHostSkippedByThePlaybookIsNotOutside() {
        AuthCertificateSpec skip = spec(Rotation.AUTO, HybridPolicy.STOP, UnreachablePolicy.SKIP, null);
        Plan plan = new Planner().plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-2)).unreachable("ex02").request(skip));

        assertThat(plan.skippedHosts()).containsExactly("ex02");
        assertThat(plan.outsideServers()).isEmpty();
        assertThat(plan.held()).isEmpty();
    }

    @Test
    void onlyTheOrganisationWithAServerOutsideIsHeldBack() {
        Plan plan = new Planner().plan(healthy("a1", "b1").organization("fabrikam", "b1").auth(C, OLD, null, null).published(C, days(-2))
                .outside("ex09").request(spec()));

        assertThat(plan.steps()).extracting(Step::id).containsExactly("p1.b1.clear_previous_certificate");
        assertThat(plan.held()).extracting(Hold::organisation).containsOnly("contoso");
        assertThat(plan.outsideServers()).extracting(OutsideServer::organisation).containsExactly("contoso");
    }

    @Test
    void aHeldRotationPutsNoNewCertificateInPlaceSoAHybridOrganisationIsNotStopped() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01").authCert(C, days(-1800), days(40))
                .auth(C, null, null, null).hybrid("ex01").outside("ex09").request(spec()));

        assertThat(plan.held()).extracting(Hold::what).containsExactly("create_certificate, stage_next_certificate", "verdict");
        assertThat(plan.followups()).isEmpty();
    }

    @Test
    void ignoringAHostOfThePlanStops() {
        assertThatThrownBy(() -> new Planner().plan(healthy("ex01", "ex02").request(spec(), "EX02")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("--ignore-server EX02: ex02 is a host of this plan")
                .satisfies(e -> assertThat(((PlanningException) e).reasons().get(0).hint()).contains("--limit"));
    }

    @Test
    void ignoringANameNoServerHasStopsAndListsTheServers() {
        assertThatThrownBy(() -> new Planner().plan(healthy("ex01").outside("ex09").request(spec(), "ex99")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("--ignore-server ex99 names no Exchange server of organisation contoso")
                .hasMessageContaining("EX01, EX09");
    }

    @Test
    void ignoringAServerThatNeedsNoCertificateOnlyWarns() {
        Plan plan = new Planner().plan(healthy("ex01").orgServer("contoso", new OrganizationServer("EDGE01",
                "edge01.contoso.test", null, List.of("Edge"), "Version 15.2 (Build 1544.4)", false, false, true))
                .request(spec(), "edge01"));

        assertThat(plan.needsHuman()).isFalse();
        assertThat(plan.warnings()).anyMatch(w -> w.contains("--ignore-server EDGE01: it needs no Auth certificate"));
    }

    @Test
    void anIgnoredNameThatCannotBeCheckedWarns() {
        Plan plan = new Planner().plan(healthy("ex01").serverListUnknown("ex01", "RBAC").request(spec(), "ex09"));

        assertThat(plan.warnings()).anyMatch(w -> w.contains("--ignore-server ex09 cannot be checked"));
        assertThat(plan.needsHuman()).isTrue();
    }

    @Test
    void theHeldPlanSurvivesItsJsonForm() {
        Plan plan = new Planner().plan(healthy("ex01").auth(C, OLD, null, null).published(C, days(-2)).outside("ex09", "ex10")
                .request(spec(), "ex10"));

        Plan read = PlanJson.read(PlanJson.write(plan), "plan.json");

        assertThat(read.held()).isEqualTo(plan.held());
        assertThat(read.outsideServers()).isEqualTo(plan.outsideServers());
        assertThat(PlanJson.write(read)).isEqualTo(PlanJson.write(plan)).contains("\"needs_human\" : true");
    }
}
