package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.testing.PsSyntaxCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Properties of the planner over generated organisations (one or two, one to four servers each, every
 * Auth-certificate state the runbook knows): planning again after the plan's intended effects gives an
 * empty plan, and the plan never takes an unsafe order.
 */
class PlannerPropertiesTest {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    enum Current { HEALTHY, WINDOW, SHORT, EXPIRED, MISSING_EVERYWHERE, UNSET }

    enum Next { NONE, STAGED, DUE, AFTER_EXPIRY, NO_DATE }

    /** One organisation's state. */
    record OrgState(int servers, Current current, int windowDays, Next next, int nextDays, boolean previous,
            boolean leftover, List<Boolean> hasCurrent, List<Boolean> hasNext, List<Boolean> oldPools, List<Boolean> lagging) {
    }

    record Scenario(List<OrgState> orgs, AuthCertificateSpec.Distribute distribute) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<OrgState> org = Arbitraries.integers().between(1, 4).flatMap(n -> Combinators.combine(
                Arbitraries.frequency(Tuple.of(3, Current.HEALTHY), Tuple.of(3, Current.WINDOW), Tuple.of(1, Current.SHORT),
                        Tuple.of(2, Current.EXPIRED), Tuple.of(1, Current.MISSING_EVERYWHERE), Tuple.of(1, Current.UNSET)),
                Arbitraries.integers().between(3, 59),
                Arbitraries.frequency(Tuple.of(4, Next.NONE), Tuple.of(2, Next.STAGED), Tuple.of(2, Next.DUE),
                        Tuple.of(1, Next.AFTER_EXPIRY), Tuple.of(1, Next.NO_DATE)),
                Arbitraries.integers().between(3, 40), Arbitraries.of(true, false),
                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false)),
                Arbitraries.of(true, false).list().ofSize(n), Arbitraries.of(true, false).list().ofSize(n))
                .flatAs((current, window, next, nextDays, previous, leftover, hasCurrent, hasNext) -> Combinators.combine(
                        Arbitraries.of(true, false).list().ofSize(n), Arbitraries.of(true, false).list().ofSize(n))
                        .as((oldPools, lagging) -> new OrgState(n, current, window, next, nextDays, previous, leftover,
                                hasCurrent, hasNext, oldPools, lagging))));
        return Combinators.combine(org.list().ofMinSize(1).ofMaxSize(2), Arbitraries.of(AuthCertificateSpec.Distribute.class))
                .as(Scenario::new);
    }

    static PlanRequest request(Scenario scenario) {
        return facts(scenario).request(spec(scenario));
    }

    static FactsBuilder facts(Scenario scenario) {
        FactsBuilder b = new FactsBuilder();
        List<String[]> members = new ArrayList<>();
        for (int o = 0; o < scenario.orgs().size(); o++) {
            OrgState s = scenario.orgs().get(o);
            String[] names = new String[s.servers()];
            for (int i = 0; i < s.servers(); i++) {
                names[i] = "o" + o + "ex" + i;
            }
            b.hosts(names).organization("org" + o, names);
            members.add(names);
        }
        for (int o = 0; o < scenario.orgs().size(); o++) {
            OrgState s = scenario.orgs().get(o);
            String[] names = members.get(o);
            String c = tp("current" + o);
            String n = tp("next" + o);
            Instant notAfter = switch (s.current()) {
                case HEALTHY -> NOW.plus(Duration.ofDays(900));
                case WINDOW -> NOW.plus(Duration.ofDays(s.windowDays()));
                case SHORT -> NOW.plus(Duration.ofHours(20 + s.windowDays()));
                default -> NOW.minus(Duration.ofDays(2));
            };
            for (int i = 0; i < names.length; i++) {
                boolean present = s.current() != Current.MISSING_EVERYWHERE && (i == 0 || s.hasCurrent().get(i));
                if (present) {
                    b.authCert(c, NOW.minus(Duration.ofDays(1000)), notAfter, names[i]);
                }
                if (s.next() != Next.NONE && (i == 0 || s.hasNext().get(i))) {
                    b.authCert(n, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(1800)), names[i]);
                }
                if (s.oldPools().get(i)) {
                    b.poolsStarted(names[i], NOW.minus(Duration.ofDays(2000)));
                }
            }
            if (s.leftover()) {
                b.authCert(tp("leftover" + o), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1800)), names[0]);
            }
            Instant nextDate = switch (s.next()) {
                case NONE, NO_DATE -> null;
                case STAGED -> NOW.plus(Duration.ofDays(Math.min(s.nextDays(), 2)));
                case DUE -> NOW.minus(Duration.ofHours(s.nextDays()));
                case AFTER_EXPIRY -> notAfter.plus(Duration.ofDays(s.nextDays()));
            };
            b.authOn(s.current() == Current.UNSET ? null : c, s.previous() ? tp("previous" + o) : null,
                    s.next() == Next.NONE ? null : n, nextDate, names);
            for (int i = 1; i < names.length; i++) {
                if (s.lagging().get(i) && s.current() != Current.UNSET) {
                    b.authOn(names[i], tp("stale" + o));
                }
            }
        }
        return b;
    }

    static AuthCertificateSpec spec(Scenario scenario) {
        AuthCertificateSpec d = AuthCertificateSpec.defaults();
        return new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(),
                d.renewBeforeDays(), d.stageDays(), d.rotation(), scenario.distribute(), d.replicationTimeout(), true,
                d.hybrid(), d.unreachable(), null);
    }

    @Property(tries = 200)
    void applyingThePlanThenPlanningAgainGivesAnEmptyPlan(@ForAll("scenarios") Scenario scenario) {
        PlanRequest request = request(scenario);
        Plan plan = new Planner().plan(request);
        collect(plan);
        Statistics.label("plan").collect(kind(plan));
        EffectModel world = new EffectModel(request, NOW);
        world.apply(plan, (step, w) -> { });
        Instant later = NOW.plus(Duration.ofMinutes(1));
        PlanRequest again = new PlanRequest(request.playbook(), request.hosts(), request.serial(), request.failurePolicy(),
                request.certificate(), null, null, null, world.facts(later), Map.of(), later);
        Plan second = new Planner().plan(again);
        assertThat(second.steps()).as("second plan after applying:%n%s", new PlanTextRenderer().render(plan))
                .extracting(Step::id).isEmpty();
    }

    @Property(tries = 200)
    void neverClearsPreviousBeforeEveryServerHoldsTheCurrent(@ForAll("scenarios") Scenario scenario) {
        PlanRequest request = request(scenario);
        Plan plan = new Planner().plan(request);
        new EffectModel(request, NOW).apply(plan, (step, w) -> {
            if (step.action() == Action.CLEAR_PREVIOUS_CERTIFICATE) {
                String current = w.config(step.host()).current;
                for (String host : request.hosts()) {
                    if (w.org(host).equals(w.org(step.host()))) {
                        assertThat(w.holds(host, current)).as("%s holds current %s when previous is cleared", host, current)
                                .isTrue();
                    }
                }
            }
        });
    }

    @Property(tries = 200)
    void neverCreatesMoreThanOneCertificatePerOrganisation(@ForAll("scenarios") Scenario scenario) {
        PlanRequest request = request(scenario);
        Plan plan = new Planner().plan(request);
        EffectModel world = new EffectModel(request, NOW);
        Map<String, Integer> creates = new HashMap<>();
        plan.steps().stream().filter(s -> s.action() == Action.CREATE_CERTIFICATE)
                .forEach(s -> creates.merge(world.org(s.host()), 1, Integer::sum));
        assertThat(creates.values()).allMatch(n -> n == 1);
        for (OrgState org : scenario.orgs()) {
            if (org.leftover()) {
                assertThat(plan.steps()).as("a leftover certificate is reused, never a second created")
                        .noneMatch(s -> s.action() == Action.CREATE_CERTIFICATE && s.host().startsWith("o" + scenario.orgs().indexOf(org)));
            }
        }
    }

    @Property(tries = 200)
    void neverRecyclesOwaBeforeTheCertificateIsOnTheServer(@ForAll("scenarios") Scenario scenario) {
        PlanRequest request = request(scenario);
        Plan plan = new Planner().plan(request);
        new EffectModel(request, NOW).apply(plan, (step, w) -> {
            if (step.action() == Action.RECYCLE_APP_POOL || step.action() == Action.RESTART_SERVICE) {
                String current = w.config(step.host()).current;
                assertThat(w.holds(step.host(), current)).as("%s holds the current certificate before %s", step.host(), step.id())
                        .isTrue();
                assertThat(w.readings.get(step.host()).currentThumbprint()).as("%s reads it from AuthConfig", step.host())
                        .isEqualToIgnoringCase(current);
            }
        });
    }

    @Property(tries = 200)
    void stagedEffectiveDatesAreAtLeast48HoursAhead(@ForAll("scenarios") Scenario scenario) {
        Plan plan = new Planner().plan(request(scenario));
        for (Step stage : plan.steps()) {
            if (stage.action() != Action.STAGE_NEXT_CERTIFICATE) {
                continue;
            }
            int days = Integer.parseInt(stage.details().get("effective_in_days"));
            if (days == 0) {
                assertThat(plan.steps()).as("effective now only in an immediate replacement, published in the same plan")
                        .anyMatch(s -> s.action() == Action.PUBLISH_CERTIFICATE && s.host().equals(stage.host()));
            } else {
                assertThat(days).isGreaterThanOrEqualTo(2);
                assertThat(Instant.parse(stage.details().get("effective_date"))).isAfterOrEqualTo(NOW.plus(Duration.ofHours(48)));
            }
        }
    }

    @Property(tries = 200)
    void aServerOutsideThePlanIsNeitherClearedAwayNorStagedPast(@ForAll("scenarios") Scenario scenario) {
        Plan plan = new Planner().plan(facts(scenario).outsideIn("org0", "x9").request(spec(scenario)));
        List<Step> org0 = plan.steps().stream().filter(s -> s.host().startsWith("o0")).toList();

        assertThat(org0).noneMatch(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE);
        assertThat(org0).noneMatch(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE
                && !"0".equals(s.details().get("effective_in_days")));
        if (org0.stream().anyMatch(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE)) {
            OrgState state = scenario.orgs().get(0);
            assertThat(state.current()).as("a certificate is made current now only when the current one signs nowhere")
                    .isIn(Current.EXPIRED, Current.UNSET);
        }
        assertThat(plan.needsHuman()).isTrue();
        assertThat(plan.held()).anyMatch(h -> h.organisation().equals("org0") && h.actions().isEmpty());
        assertThat(plan.held()).noneMatch(h -> h.organisation().equals("org1"));
    }

    @Property(tries = 200)
    void ignoringAServerOutsideThePlanPlansAsIfItWereNotThere(@ForAll("scenarios") Scenario scenario) {
        Plan ignoring = new Planner().plan(facts(scenario).outsideIn("org0", "x9").request(spec(scenario), "X9"));
        Plan without = new Planner().plan(request(scenario));

        assertThat(ignoring.steps()).extracting(Step::id).containsExactlyElementsOf(without.steps().stream().map(Step::id).toList());
        assertThat(ignoring.held()).isEmpty();
    }

    /** What kind of plan this was, so the statistics show every decision is exercised. */
    private static String kind(Plan plan) {
        List<Action> actions = plan.steps().stream().map(Step::action).toList();
        if (actions.contains(Action.CREATE_CERTIFICATE)) {
            return actions.contains(Action.PUBLISH_CERTIFICATE) ? "immediate (create)" : "staged (create)";
        }
        if (actions.contains(Action.STAGE_NEXT_CERTIFICATE)) {
            return actions.contains(Action.PUBLISH_CERTIFICATE) ? "immediate (reuse)" : "staged (reuse)";
        }
        if (actions.contains(Action.PUBLISH_CERTIFICATE)) {
            return "publish due";
        }
        if (actions.contains(Action.WAIT_FOR_CERTIFICATE) || actions.contains(Action.WAIT_FOR_AUTH_CONFIG)) {
            return "distribute";
        }
        return actions.isEmpty() ? "empty" : "recycle or clear";
    }

    private static synchronized void collect(Plan plan) {
        for (Step s : plan.steps()) {
            if (!s.script().isEmpty() && SCRIPTS.size() < 400 && !SCRIPTS.containsValue(s.script().sent())) {
                SCRIPTS.put("prop-" + SCRIPTS.size() + "-" + s.action().jsonName(), s.script().sent());
            }
        }
    }

    @AfterContainer
    static void everyScriptSeenIsValidPowerShell() {
        if (!SCRIPTS.isEmpty()) {
            PsSyntaxCheck.assertValid(SCRIPTS);
        }
    }
}
