package io.authcert.run;

import static io.authcert.run.Plans.nudgingWait;
import static io.authcert.run.Plans.phase;
import static io.authcert.run.Plans.plan;
import static io.authcert.run.Plans.step;
import static io.authcert.run.Plans.targets;
import static io.authcert.run.Plans.waitStep;
import static io.authcert.run.RecordingTransport.exit;
import static io.authcert.run.RecordingTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Action;
import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The executor does to a server only what the plan names: every (host, command) the transport
 * receives is a step's script on that step's host, or the restart a wait's nudge names on one of the
 * nudge's hosts. Checked over generated plans with waits that lag, nudge or not, and hosts that fail.
 */
class ExecutorRunsOnlyWhatThePlanNamesTest {

    private static final List<String> HOSTS = List.of("ex01", "ex02", "ex03", "ex04");

    /** One generated case: the plan, how many polls each host lags, and which hosts fail their scripts. */
    record Case(Plan plan, Map<String, Integer> lag, Set<String> failing) {
        @Override
        public String toString() {
            return plan.steps().stream().map(s -> s.id() + s.nudgeIfAny().map(n -> "~" + n.hosts()).orElse("")).toList()
                    + " lag " + lag + " failing " + failing;
        }
    }

    @Property(tries = 60)
    void everyCommandTheTransportReceivesIsNamedByAStepOrItsNudge(@ForAll("cases") Case c) {
        RecordingTransport transport = new RecordingTransport();
        Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        transport.otherwise((host, script) -> {
            if (script.contains("# w.")) {
                int n = polls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                return ok(n > c.lag().getOrDefault(host, 0) ? "ready" : "pending: not yet");
            }
            return c.failing().contains(host) && !script.contains("Restart-Service") ? exit(1, "failed") : ok("");
        });
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        new Executor(transport, targets(c.plan().hosts()), RunSettings.DEFAULT.withPollInterval(Duration.ofMinutes(1)),
                e -> { }, clock, clock.sleeper(), null).run(c.plan());

        Set<String> named = named(c.plan());
        assertThat(transport.calls()).as("calls the plan does not name")
                .allSatisfy(call -> assertThat(named).contains(call.host() + "\n" + HeldProbes.unwrapped(call.script())));
    }

    /** (host, script) pairs the plan names, as "host\nscript". */
    private static Set<String> named(Plan plan) {
        Set<String> out = new HashSet<>();
        for (Step s : plan.steps()) {
            out.add(s.host() + "\n" + s.script().sent());
            s.nudgeIfAny().ifPresent(n -> n.hosts().forEach(h -> out.add(h + "\n" + ServiceHostNudge.script(n.service()))));
        }
        return out;
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Integer>> lags = Arbitraries.integers().between(0, 4).list().ofSize(HOSTS.size());
        Arbitrary<List<Boolean>> waits = Arbitraries.of(true, false).list().ofSize(HOSTS.size());
        Arbitrary<List<Boolean>> nudged = Arbitraries.of(true, false).list().ofSize(HOSTS.size());
        Arbitrary<List<String>> nudgeHosts = Arbitraries.of(HOSTS).set().ofMinSize(0).ofMaxSize(3).map(ArrayList::new);
        Arbitrary<Set<String>> failing = Arbitraries.of(HOSTS).set().ofMaxSize(2);
        Arbitrary<Integer> interval = Arbitraries.integers().between(1, 3);
        return net.jqwik.api.Combinators.combine(lags, waits, nudged, nudgeHosts, failing, interval)
                .as((lag, wait, nudge, extra, fail, minutes) -> {
                    List<Step> imports = new ArrayList<>();
                    List<Step> probes = new ArrayList<>();
                    List<Step> restarts = new ArrayList<>();
                    Map<String, Integer> lagOf = new java.util.HashMap<>();
                    for (int i = 0; i < HOSTS.size(); i++) {
                        String h = HOSTS.get(i);
                        lagOf.put(h, lag.get(i));
                        imports.add(step("p1." + h, h, Action.IMPORT_CERTIFICATE));
                        if (wait.get(i)) {
                            List<String> nudgeTo = new ArrayList<>(List.of(h));
                            extra.stream().filter(x -> !x.equals(h)).forEach(nudgeTo::add);
                            probes.add(nudge.get(i)
                                    ? nudgingWait("w." + h, h, Duration.ofMinutes(5), Duration.ofMinutes(minutes),
                                            nudgeTo.toArray(String[]::new))
                                    : waitStep("w." + h, h, Action.WAIT_FOR_CERTIFICATE, Duration.ofMinutes(5)));
                        }
                        restarts.add(step("p3." + h, h, Action.RESTART_SERVICE));
                    }
                    List<Phase> phases = new ArrayList<>(List.of(phase(1, imports.toArray(Step[]::new))));
                    if (!probes.isEmpty()) {
                        phases.add(phase(2, probes.toArray(Step[]::new)));
                    }
                    phases.add(phase(phases.size() + 1, List.of("1"), restarts.toArray(Step[]::new)));
                    return new Case(plan(HOSTS, null, phases.toArray(Phase[]::new)), lagOf, fail);
                });
    }
}
