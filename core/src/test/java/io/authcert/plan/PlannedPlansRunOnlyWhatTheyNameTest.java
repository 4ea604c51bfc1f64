package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.healthy;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.run.BatchScripts;
import io.authcert.run.HeldProbes;
import io.authcert.run.Executor;
import io.authcert.run.ManualClock;
import io.authcert.run.RunSettings;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans the planner really makes, applied to servers whose Service Host is slow: every command sent
 * is a step's script on its host, or the restart of a nudge's service on one of the nudge's hosts.
 */
class PlannedPlansRunOnlyWhatTheyNameTest {

    record Sent(String host, String script) {
    }

    static Stream<Arguments> plans() {
        Map<String, Supplier<Plan>> plans = new LinkedHashMap<>();
        plans.put("golden healthy", PlanRenderingGoldenTest::healthy);
        plans.put("golden expired (import)", PlanRenderingGoldenTest::expired);
        plans.put("golden staged (wait)", PlanRenderingGoldenTest::staged);
        plans.put("current missing on one server", () -> new Planner().plan(healthy("ex01", "ex02", "ex03")
                .authCert(tp("C"), NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(1000)), "ex01", "ex02")
                .request(spec())));
        plans.put("two sites, one without a holder", () -> new Planner().plan(new FactsBuilder()
                .hosts("ex01", "br01", "ex02", "br02").site("Branch-Site", "br01", "br02")
                .authCert(tp("C"), NOW.minus(Duration.ofDays(1800)), NOW.plus(Duration.ofDays(40)))
                .auth(tp("C"), null, null, null).request(spec()).withNudgeInterval(Duration.ofMinutes(2))));
        return plans.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void everyCommandSentIsNamedByTheSteps(String name, Plan plan) {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        Transport transport = (target, script, timeout) -> {
            if (BatchScripts.isBatch(script)) {
                // several steps of a host in one command: each must be a step of that host
                BatchScripts.split(script).forEach(b -> sent.add(new Sent(target.name(), b.script())));
                return BatchScripts.run(script, step -> new CommandResult("", "", 0, Duration.ZERO));
            }
            sent.add(new Sent(target.name(), HeldProbes.unwrapped(script)));
            boolean probe = script.contains("Write-Output 'ready'");
            boolean late = probe && polls.computeIfAbsent(target.name(), h -> new AtomicInteger()).incrementAndGet() <= 6;
            return new CommandResult(probe ? (late ? "pending: not yet" : "ready") : "", "", 0, Duration.ZERO);
        };
        ManualClock clock = new ManualClock(NOW);
        new Executor(transport, targets(plan.hosts()), RunSettings.DEFAULT.withPollInterval(Duration.ofMinutes(1)),
                e -> { }, clock, clock.sleeper(), null).run(plan);

        assertThat(sent).as("%s: commands the plan does not name", name).allSatisfy(s -> assertThat(named(plan, s))
                .as("%s on %s", s.script().lines().reduce((a, b) -> b).orElse(""), s.host()).isTrue());
        if (plan.steps().stream().anyMatch(st -> st.nudge() != null)) {
            assertThat(sent).as("%s: the slow Service Host is nudged", name)
                    .anyMatch(s -> s.script().contains("Restart-Service -Name '" + ExchangeNames.SERVICE_HOST + "'")
                            && plan.steps().stream().noneMatch(st -> st.host().equals(s.host())
                                    && st.script().sent().equals(s.script())));
        }
    }

    private static boolean named(Plan plan, Sent s) {
        return plan.steps().stream().anyMatch(st -> st.host().equals(s.host()) && st.script().sent().strip().equals(s.script().strip())
                || st.nudgeIfAny().filter(n -> n.hosts().contains(s.host())
                        && s.script().contains("Restart-Service -Name '" + n.service() + "'")).isPresent());
    }

    private static Map<String, Target> targets(List<String> hosts) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (String h : hosts) {
            out.put(h, new Target(h, Target.Connection.WINRM, "127.0.0.1", 5985, Target.Scheme.HTTP, "/wsman", "u", null,
                    Target.AuthTransport.BASIC, false, null, Duration.ofMinutes(1), Duration.ofMinutes(1), null, Target.MessageEncryption.AUTO));
        }
        return out;
    }
}
