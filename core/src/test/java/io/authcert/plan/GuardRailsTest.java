package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.healthy;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The guard rails of unattended runs over the planner's own plans: what runs, what is held back, and why. */
class GuardRailsTest {

    private static final String C = tp("C");
    private static final String OLD = tp("OLD");
    private static final String N = tp("N");
    private static final String N8 = N.substring(0, 8);
    private static final Planner PLANNER = new Planner();

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    private static Plan expired() {
        return PLANNER.plan(new FactsBuilder().hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1))
                .auth(OLD, null, null, null).request(spec()));
    }

    private static Plan staged() {
        return PLANNER.plan(new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(40))
                .auth(C, null, null, null).request(spec()));
    }

    private static Plan publishDueMissingOnOne() {
        return PLANNER.plan(new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(20))
                .authCert(N, days(-10), days(1800), "ex01").auth(C, null, N, NOW.minus(Duration.ofHours(1))).request(spec()));
    }

    private static Plan previousToClear() {
        return PLANNER.plan(healthy("ex01", "ex02").auth(C, OLD, null, null).published(C, days(-30), "ex01").request(spec()));
    }

    private static Set<ChangeClass> allow(ChangeClass... classes) {
        return classes.length == 0 ? Set.of() : EnumSet.copyOf(List.of(classes));
    }

    record Case(String name, Supplier<Plan> plan, Set<ChangeClass> allowed, List<String> runs, List<String> held) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        ChangeClass[] allButImmediate = {ChangeClass.STAGE, ChangeClass.DISTRIBUTE, ChangeClass.PUBLISH, ChangeClass.CLEANUP};
        return Stream.of(
                new Case("outage without immediate: nothing of the replacement runs", GuardRailsTest::expired,
                        allow(allButImmediate), List.of(), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new", "p3.ex01.publish_certificate.new",
                        "p4.ex01.wait_for_certificate.new", "p4.ex02.wait_for_certificate.new",
                        "p5.ex01.restart_service.MSExchangeServiceHost", "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.ex01.recycle_app_pool.MSExchangeECPAppPool", "p5.ex02.restart_service.MSExchangeServiceHost",
                        "p5.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p5.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p6.ex01.clear_previous_certificate")),
                new Case("outage with immediate but without cleanup: all but clearing the previous one", GuardRailsTest::expired,
                        allow(ChangeClass.IMMEDIATE), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new", "p3.ex01.publish_certificate.new",
                        "p4.ex01.wait_for_certificate.new", "p4.ex02.wait_for_certificate.new",
                        "p5.ex01.restart_service.MSExchangeServiceHost", "p5.ex01.recycle_app_pool.MSExchangeOWAAppPool",
                        "p5.ex01.recycle_app_pool.MSExchangeECPAppPool", "p5.ex02.restart_service.MSExchangeServiceHost",
                        "p5.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p5.ex02.recycle_app_pool.MSExchangeECPAppPool"),
                        List.of("p6.ex01.clear_previous_certificate")),
                new Case("staged rotation allowed", GuardRailsTest::staged, allow(ChangeClass.STAGE, ChangeClass.DISTRIBUTE),
                        List.of("p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                                "p3.ex02.wait_for_certificate.new"), List.of()),
                new Case("staging without distribute: never staged without the waits that check it arrives",
                        GuardRailsTest::staged, allow(ChangeClass.STAGE), List.of(), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                        "p3.ex02.wait_for_certificate.new")),
                new Case("distribute only: the staged rotation is not started", GuardRailsTest::staged,
                        allow(ChangeClass.DISTRIBUTE), List.of(), List.of(
                        "p1.ex01.create_certificate.new", "p2.ex01.stage_next_certificate.new",
                        "p3.ex02.wait_for_certificate.new")),
                new Case("publish due without publish: the certificate is still distributed, not published",
                        GuardRailsTest::publishDueMissingOnOne, allow(ChangeClass.DISTRIBUTE, ChangeClass.CLEANUP), List.of(
                        "p1.ex02.wait_for_certificate." + N8), List.of(
                        "p2.ex01.publish_certificate." + N8,
                        "p3.ex01.wait_for_auth_config." + N8, "p3.ex02.wait_for_auth_config." + N8,
                        "p4.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.ex01.clear_previous_certificate")),
                new Case("publish allowed but not distribute: never published before it is everywhere",
                        GuardRailsTest::publishDueMissingOnOne, allow(ChangeClass.PUBLISH, ChangeClass.CLEANUP), List.of(), List.of(
                        "p1.ex02.wait_for_certificate." + N8, "p2.ex01.publish_certificate." + N8,
                        "p3.ex01.wait_for_auth_config." + N8, "p3.ex02.wait_for_auth_config." + N8,
                        "p4.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex02.recycle_app_pool.MSExchangeECPAppPool",
                        "p5.ex01.clear_previous_certificate")),
                new Case("publish without cleanup: published, the previous one kept", GuardRailsTest::publishDueMissingOnOne,
                        allow(ChangeClass.DISTRIBUTE, ChangeClass.PUBLISH), List.of(
                        "p1.ex02.wait_for_certificate." + N8, "p2.ex01.publish_certificate." + N8,
                        "p3.ex01.wait_for_auth_config." + N8, "p3.ex02.wait_for_auth_config." + N8,
                        "p4.ex01.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex01.recycle_app_pool.MSExchangeECPAppPool",
                        "p4.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p4.ex02.recycle_app_pool.MSExchangeECPAppPool"),
                        List.of("p5.ex01.clear_previous_certificate")),
                new Case("clearing the previous certificate is cleanup", GuardRailsTest::previousToClear,
                        allow(ChangeClass.STAGE, ChangeClass.DISTRIBUTE, ChangeClass.PUBLISH), List.of(),
                        List.of("p1.ex01.clear_previous_certificate")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsThePlan(Case c) {
        Plan plan = c.plan().get();
        GuardedPlan guarded = new GuardRails(c.allowed(), null).apply(plan);

        assertThat(guarded.runnable().steps()).extracting(Step::id).containsExactlyElementsOf(c.runs());
        assertThat(guarded.heldBack()).extracting(h -> h.step().id()).containsExactlyElementsOf(c.held());
        assertThat(guarded.holdsBack()).isEqualTo(!c.held().isEmpty());
        // Nothing is lost or doubled: every step either runs or is held back.
        assertThat(guarded.runnable().steps().size() + guarded.heldBack().size()).isEqualTo(plan.steps().size());
    }

    @Test
    void eachStepOfAnImmediateReplacementIsImmediateButClearingIsCleanup() {
        Map<String, ChangeClass> classes = ChangeClass.of(expired());

        assertThat(classes).containsEntry("p1.ex01.create_certificate.new", ChangeClass.IMMEDIATE)
                .containsEntry("p3.ex01.publish_certificate.new", ChangeClass.IMMEDIATE)
                .containsEntry("p5.ex02.restart_service.MSExchangeServiceHost", ChangeClass.IMMEDIATE)
                .containsEntry("p6.ex01.clear_previous_certificate", ChangeClass.CLEANUP);
        assertThat(ChangeClass.of(staged())).containsEntry("p1.ex01.create_certificate.new", ChangeClass.STAGE)
                .containsEntry("p3.ex02.wait_for_certificate.new", ChangeClass.DISTRIBUTE);
        assertThat(ChangeClass.of(publishDueMissingOnOne())).containsEntry("p1.ex02.wait_for_certificate." + N8, ChangeClass.DISTRIBUTE)
                .containsEntry("p2.ex01.publish_certificate." + N8, ChangeClass.PUBLISH)
                .containsEntry("p4.ex02.recycle_app_pool.MSExchangeOWAAppPool", ChangeClass.PUBLISH);
    }

    @Test
    void reasonsNameTheClassOrTheStepReliedOn() {
        GuardedPlan guarded = new GuardRails(allow(ChangeClass.PUBLISH, ChangeClass.CLEANUP), null).apply(publishDueMissingOnOne());

        assertThat(guarded.heldBack().get(0).line()).isEqualTo("p1.ex02.wait_for_certificate." + N8
                + ": wait_for_certificate on ex02 (distribute): not allowed: distribute (--allow publish,cleanup)");
        assertThat(guarded.heldBack().get(1).reason())
                .isEqualTo("relies on p1.ex02.wait_for_certificate." + N8 + ", which is held back");
    }

    @Test
    void hostsChangedCountWhatWouldRunAndTheLimitIsAGuardOfItsOwn() {
        Plan plan = expired();
        assertThat(new GuardRails(ChangeClass.ALL, 2).apply(plan).hostsChanged()).containsExactly("ex01", "ex02");
        assertThat(new GuardRails(ChangeClass.ALL, 2).apply(plan).exceedsMaxHosts()).isFalse();
        assertThat(new GuardRails(ChangeClass.ALL, 1).apply(plan).exceedsMaxHosts()).isTrue();
        // A staged rotation changes the primary; ex02 is waited for, and its wait may restart the Service Host there.
        GuardedPlan staged = new GuardRails(ChangeClass.ALL, 0).apply(staged());
        assertThat(staged.hostsChanged()).containsExactly("ex01", "ex02");
        assertThat(staged.exceedsMaxHosts()).isTrue();
        // Held back steps change nothing: without immediate, the outage plan changes no host at all.
        GuardedPlan none = new GuardRails(allow(ChangeClass.CLEANUP), 0).apply(plan);
        assertThat(none.hostsChanged()).isEmpty();
        assertThat(none.exceedsMaxHosts()).isFalse();
    }

    @Test
    void withoutRestrictionsEverythingRuns() {
        Plan plan = expired();
        GuardedPlan guarded = GuardRails.NONE.apply(plan);
        assertThat(GuardRails.NONE.unrestricted()).isTrue();
        assertThat(guarded.heldBack()).isEmpty();
        assertThat(guarded.runnable()).isEqualTo(plan);
    }
}
