package io.authcert.run;

import static io.authcert.run.Plans.nudgingWait;
import static io.authcert.run.Plans.orgStep;
import static io.authcert.run.Plans.phase;
import static io.authcert.run.Plans.plan;
import static io.authcert.run.Plans.step;
import static io.authcert.run.Plans.targets;
import static io.authcert.run.Plans.waitStep;
import static io.authcert.run.RecordingTransport.exit;
import static io.authcert.run.RecordingTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.plan.Action;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import io.authcert.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private static final List<String> THREE = List.of("ex01", "ex02", "ex03");
    private static final List<String> FIVE = List.of("ex01", "ex02", "ex03", "ex04", "ex05");

    private final RecordingTransport transport = new RecordingTransport();
    private final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private RunResult apply(Plan plan, RunSettings settings, Replanner replanner) {
        Executor executor = new Executor(transport, targets(plan.hosts()), settings, events::add, clock, clock.sleeper(),
                replanner);
        return executor.run(plan);
    }

    private RunResult apply(Plan plan, int forks) {
        return apply(plan, RunSettings.DEFAULT.withForks(forks), null);
    }

    private static int lastEnd(List<RecordingTransport.Call> calls) {
        return calls.stream().mapToInt(RecordingTransport.Call::endSeq).max().orElseThrow();
    }

    private static int firstStart(List<RecordingTransport.Call> calls) {
        return calls.stream().mapToInt(RecordingTransport.Call::startSeq).min().orElseThrow();
    }

    private <T extends RunEvent> List<T> eventsOf(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private StepResult result(RunResult run, String stepId) {
        return run.results().stream().filter(r -> r.stepId().equals(stepId)).findFirst().orElseThrow();
    }

    @Test
    void aPhaseStartsOnlyWhenEveryHostFinishedThePreviousOne() {
        CountDownLatch ex01Started = new CountDownLatch(1);
        transport.otherwise((host, script) -> {
            if (script.contains("p1.ex01")) {
                ex01Started.countDown();
            }
            if (script.contains("p1.ex03")) {
                // ex03 finishes phase 1 only once ex01 is running it: the hosts of a phase run together.
                await(ex01Started);
            }
            return ok("");
        });
        Plan plan = plan(THREE, null,
                phase(1, step("p1.ex01", "ex01", Action.IMPORT_CERTIFICATE), step("p1.ex02", "ex02", Action.IMPORT_CERTIFICATE),
                        step("p1.ex03", "ex03", Action.IMPORT_CERTIFICATE)),
                phase(2, step("p2.ex01", "ex01", Action.RESTART_SERVICE), step("p2.ex02", "ex02", Action.RESTART_SERVICE),
                        step("p2.ex03", "ex03", Action.RESTART_SERVICE)));

        RunResult run = apply(plan, 3);

        assertThat(run.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(firstStart(transport.calls("p2."))).isGreaterThan(lastEnd(transport.calls("p1.")));
        assertThat(run.results()).extracting(StepResult::outcome).containsOnly(StepOutcome.CHANGED);
        assertThat(eventsOf(RunEvent.PhaseFinished.class)).extracting(RunEvent.PhaseFinished::hostsDone).containsExactly(3, 3);
    }

    @Test
    void forksBoundHowManyHostsRunAtOnce() {
        CyclicBarrier together = new CyclicBarrier(2);
        transport.otherwise((host, script) -> {
            if (host.equals("ex01") || host.equals("ex02")) {
                try {
                    together.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("ex01 and ex02 did not run at the same time", e);
                }
            }
            return ok("");
        });
        Plan plan = plan(FIVE, null, phase(1, FIVE.stream().map(h -> step("p1." + h, h, Action.RECYCLE_APP_POOL))
                .toArray(io.authcert.plan.Step[]::new)));

        RunResult run = apply(plan, 2);

        assertThat(run.succeeded()).isTrue();
        assertThat(transport.maxConcurrent()).isEqualTo(2);
        assertThat(transport.calls()).hasSize(5);
    }

    @Test
    void aRollingPhaseGoesBatchByBatchWithTheLastSizeRepeating() {
        Plan plan = plan(FIVE, null, phase(1, List.of("1", "2"), FIVE.stream()
                .map(h -> step("p1." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)));

        RunResult run = apply(plan, 5);

        assertThat(run.succeeded()).isTrue();
        assertThat(eventsOf(RunEvent.PhaseStarted.class).get(0).batches())
                .containsExactly(List.of("ex01"), List.of("ex02", "ex03"), List.of("ex04", "ex05"));
        List<RecordingTransport.Call> first = transport.calls("p1.ex01");
        List<RecordingTransport.Call> second = new ArrayList<>(transport.calls("p1.ex02"));
        second.addAll(transport.calls("p1.ex03"));
        List<RecordingTransport.Call> third = new ArrayList<>(transport.calls("p1.ex04"));
        third.addAll(transport.calls("p1.ex05"));
        assertThat(firstStart(second)).isGreaterThan(lastEnd(first));
        assertThat(firstStart(third)).isGreaterThan(lastEnd(second));
    }

    @Test
    void anOrganisationWideStepRunsOnceOnItsHost() {
        Plan plan = plan(THREE, null, phase(1, orgStep("p1.org.create", "ex02", Action.CREATE_CERTIFICATE)),
                phase(2, THREE.stream().map(h -> step("p2." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)));

        RunResult run = apply(plan, 3);

        assertThat(transport.calls("p1.org.create")).extracting(RecordingTransport.Call::host).containsExactly("ex02");
        assertThat(result(run, "p1.org.create").orgWide()).isTrue();
        assertThat(firstStart(transport.calls("p2."))).isGreaterThan(lastEnd(transport.calls("p1.")));
    }

    @Test
    void aFailedHostStopsWhileTheOthersGoOnButNothingOrganisationWideRunsAfterIt() {
        transport.on("ex02", (host, script) -> script.contains("p1.") ? exit(1, "Import-ExchangeCertificate : access denied") : ok(""));
        Plan plan = plan(THREE, null,
                phase(1, THREE.stream().map(h -> step("p1." + h, h, Action.IMPORT_CERTIFICATE)).toArray(io.authcert.plan.Step[]::new)),
                phase(2, THREE.stream().map(h -> step("p2." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)),
                phase(3, orgStep("p3.org.clear", "ex01", Action.CLEAR_PREVIOUS_CERTIFICATE)));

        RunResult run = apply(plan, 3);

        assertThat(run.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(run.failedHosts()).containsExactly("ex02");
        assertThat(result(run, "p1.ex02").message()).contains("exit code 1").contains("access denied");
        assertThat(transport.calls("p2.")).extracting(RecordingTransport.Call::host).containsExactlyInAnyOrder("ex01", "ex03");
        assertThat(result(run, "p2.ex02").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(transport.calls("p3.org.clear")).isEmpty();
        assertThat(result(run, "p3.org.clear").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(result(run, "p3.org.clear").message()).contains("ex02 failed").contains("left as it was found");
        assertThat(eventsOf(RunEvent.HostFailed.class)).extracting(RunEvent.HostFailed::host).containsExactly("ex02");
    }

    @Test
    void anyErrorsFatalStopsEveryHostAtTheBarrier() {
        AtomicInteger phaseOneCalls = new AtomicInteger();
        transport.otherwise((host, script) -> {
            if (script.contains("p1.")) {
                phaseOneCalls.incrementAndGet();
            }
            return host.equals("ex02") && script.contains("p1.") ? exit(1, "boom") : ok("");
        });
        Plan plan = plan(THREE, new Plan.FailurePolicy(true, null),
                phase(1, THREE.stream().map(h -> step("p1." + h, h, Action.IMPORT_CERTIFICATE)).toArray(io.authcert.plan.Step[]::new)),
                phase(2, THREE.stream().map(h -> step("p2." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)));

        RunResult run = apply(plan, 3);

        assertThat(run.status()).isEqualTo(RunResult.Status.ABORTED);
        assertThat(run.reason()).contains("any_errors_fatal").contains("ex02");
        assertThat(phaseOneCalls).hasValue(3);
        assertThat(transport.calls("p2.")).isEmpty();
        assertThat(run.results().stream().filter(r -> r.stepId().startsWith("p2.")))
                .extracting(StepResult::outcome).containsOnly(StepOutcome.SKIPPED);
    }

    @Test
    void maxFailPercentageIsCheckedAfterEachSerialBatch() {
        transport.on("ex01", (host, script) -> exit(1, "boom"));
        Plan plan = plan(FIVE, new Plan.FailurePolicy(false, 0), phase(1, List.of("1"), FIVE.stream()
                .map(h -> step("p1." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)));

        RunResult run = apply(plan, 5);

        assertThat(run.status()).isEqualTo(RunResult.Status.ABORTED);
        assertThat(run.reason()).contains("max_fail_percentage 0%");
        assertThat(transport.calls()).extracting(RecordingTransport.Call::host).containsExactly("ex01");
        assertThat(eventsOf(RunEvent.PhaseFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.hostsDone()).as("hosts stopped by the policy are not done").isZero());
    }

    @Test
    void aWaitPollsEveryPendingHostOncePerRoundAndNudgesLaggardsAtMostOncePerInterval() {
        AtomicInteger ex02Nudges = new AtomicInteger();
        transport.on("ex01", (host, script) -> ok(script.contains("Restart-Service") ? "" : "ready"));
        transport.on("ex02", (host, script) -> {
            if (script.contains("Restart-Service")) {
                ex02Nudges.incrementAndGet();
                return ok("");
            }
            return ok(ex02Nudges.get() >= 2 ? "checking\nready" : "checking\npending: certificate 1A2B not in the store");
        });
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, nudgingWait("w.ex01", "ex01", Duration.ofMinutes(10), Duration.ofSeconds(30), "ex01", "ex02"),
                        nudgingWait("w.ex02", "ex02", Duration.ofMinutes(10), Duration.ofSeconds(30), "ex02", "ex01")));

        RunResult run = apply(plan, RunSettings.DEFAULT.withPollInterval(Duration.ofSeconds(10)), null);

        assertThat(run.succeeded()).isTrue();
        assertThat(result(run, "w.ex01").outcome()).isEqualTo(StepOutcome.OK);
        assertThat(result(run, "w.ex02").outcome()).isEqualTo(StepOutcome.CHANGED);
        assertThat(result(run, "w.ex02").message()).contains("2 restarts of MSExchangeServiceHost");
        assertThat(transport.calls("w.ex01")).hasSize(1);
        // a plain look at t=0, the first nudge right after it, then held looks at t=0,10,...,40 (this fake answers a
        // held look at once, so the rest of its interval is slept); the second nudge one interval later (t=30),
        // ready on the look after it
        assertThat(transport.calls("w.ex02")).hasSize(6);
        assertThat(transport.calls("w.ex02").get(0).script()).doesNotContain("$authcertLooksLeft");
        assertThat(transport.calls("w.ex02").get(1).script()).startsWith("$authcertLooksLeft = 10\n");
        // the laggard and the holder (whose Service Host pushes the certificate), each once per interval
        List<RunEvent.HostNudged> nudges = eventsOf(RunEvent.HostNudged.class);
        assertThat(nudges).extracting(RunEvent.HostNudged::host).containsExactlyInAnyOrder("ex01", "ex02", "ex01", "ex02");
        List<Instant> ex02At = nudges.stream().filter(n -> n.host().equals("ex02")).map(RunEvent.HostNudged::at).toList();
        assertThat(Duration.between(ex02At.get(0), ex02At.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(transport.calls("Restart-Service").get(0).script())
                .contains("Restart-Service -Name 'MSExchangeServiceHost'");
        RunEvent.WaitingForHosts waiting = eventsOf(RunEvent.WaitingForHosts.class).get(0);
        assertThat(waiting.ready()).containsExactly("ex01");
        assertThat(waiting.pending()).containsEntry("ex02", "certificate 1A2B not in the store");
    }

    @Test
    void aServerThatAlreadyHoldsTheCertificateIsNudgedSoItsServiceHostPushesItToTheLaggard() {
        AtomicInteger holderRestarts = new AtomicInteger();
        transport.on("ex01", (host, script) -> {
            holderRestarts.incrementAndGet();
            return ok("");
        });
        transport.on("ex02", (host, script) -> ok(holderRestarts.get() > 0 ? "ready" : "pending: next certificate missing"));
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, nudgingWait("w.ex02", "ex02", Duration.ofMinutes(30), Duration.ofMinutes(5), "ex02", "ex01")));

        RunResult run = apply(plan, RunSettings.DEFAULT.withPollInterval(Duration.ofMinutes(1)), null);

        assertThat(run.succeeded()).isTrue();
        assertThat(transport.calls().stream().filter(c -> c.host().equals("ex01")))
                .singleElement().satisfies(c -> assertThat(c.script()).contains("Restart-Service -Name 'MSExchangeServiceHost'"));
    }

    @Test
    void aWaitThatTimesOutFailsTheLaggardNamingWhatIsMissingAndNothingOrganisationWideFollows() {
        transport.on("ex01", (host, script) -> ok("ready"));
        transport.on("ex02", (host, script) -> ok("pending: certificate 1A2B not in the store"));
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, step("p1.import", "ex02", Action.IMPORT_CERTIFICATE)),
                phase(2, waitStep("w.ex01", "ex01", Action.WAIT_FOR_CERTIFICATE, Duration.ofMinutes(1)),
                        waitStep("w.ex02", "ex02", Action.WAIT_FOR_CERTIFICATE, Duration.ofMinutes(1))),
                phase(3, orgStep("p3.clear", "ex01", Action.CLEAR_PREVIOUS_CERTIFICATE)));

        RunResult run = apply(plan, RunSettings.DEFAULT.withPollInterval(Duration.ofSeconds(10)), null);

        assertThat(run.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(result(run, "w.ex02").outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(result(run, "w.ex02").message()).contains("still missing after 60s").contains("certificate 1A2B not in the store");
        // ex02 receives the certificate by import, so its wait names no nudge and nothing is restarted.
        assertThat(transport.calls("Restart-Service")).isEmpty();
        assertThat(transport.calls("p3.clear")).isEmpty();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void aLostResponseIsNeverSentAgainTheRunContinuesFromFreshFacts() {
        AtomicInteger publishCalls = new AtomicInteger();
        transport.on("ex01", (host, script) -> {
            if (script.contains("p1.publish")) {
                publishCalls.incrementAndGet();
                throw new TransportException(TransportException.Kind.RESPONSE_LOST, host, "connection reset after the command was sent");
            }
            return ok("");
        });
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, orgStep("p1.publish", "ex01", Action.PUBLISH_CERTIFICATE)),
                phase(2, step("p2.ex01", "ex01", Action.RESTART_SERVICE), step("p2.ex02", "ex02", Action.RESTART_SERVICE)));
        List<java.util.Set<String>> asked = new ArrayList<>();
        // The fresh facts show the publish took effect: only the restarts remain.
        Replanner replanner = lost -> {
            asked.add(lost);
            return plan(List.of("ex01", "ex02"), null,
                    phase(1, step("n1.ex01", "ex01", Action.RESTART_SERVICE), step("n1.ex02", "ex02", Action.RESTART_SERVICE)));
        };

        RunResult run = apply(plan, RunSettings.DEFAULT, replanner);

        assertThat(publishCalls).hasValue(1);
        assertThat(asked).containsExactly(java.util.Set.of("ex01"));
        assertThat(run.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(run.replans()).isEqualTo(1);
        assertThat(result(run, "p1.publish").outcome()).isEqualTo(StepOutcome.LOST);
        assertThat(transport.calls("n1.")).hasSize(2);
        assertThat(transport.calls("p2.")).isEmpty();
        assertThat(eventsOf(RunEvent.Replanned.class)).singleElement().satisfies(e -> assertThat(e.lostHosts()).containsExactly("ex01"));
    }

    @Test
    void aTimedOutStepThatIsNotSafeToRepeatIsNotRunAgainEvenWhenFactsStillAskForIt() {
        transport.on("ex01", (host, script) -> {
            throw new TransportException(TransportException.Kind.TIMED_OUT, host, "no answer within 10m");
        });
        Plan plan = plan(List.of("ex01"), null, phase(1, orgStep("p1.create", "ex01", Action.CREATE_CERTIFICATE)));
        Replanner stillNeeded = lost -> plan(List.of("ex01"), null, phase(1, orgStep("n1.create", "ex01", Action.CREATE_CERTIFICATE)));

        RunResult run = apply(plan, RunSettings.DEFAULT, stillNeeded);

        assertThat(transport.calls()).hasSize(1);
        assertThat(run.status()).isEqualTo(RunResult.Status.ABORTED);
        assertThat(run.failedHosts()).containsExactly("ex01");
        assertThat(result(run, "n1.create").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(eventsOf(RunEvent.HostFailed.class).get(0).reason()).contains("may still be running").contains("not safe to run twice");
    }

    @Test
    void aHostsStepsOfAPhaseGoAsOneCommandAndEachIsReported() {
        Plan plan = plan(List.of("ex01", "ex02"), null, phase(1, List.of("1"),
                step("p1.ex01.restart", "ex01", Action.RESTART_SERVICE), step("p1.ex01.owa", "ex01", Action.RECYCLE_APP_POOL),
                step("p1.ex01.ecp", "ex01", Action.RECYCLE_APP_POOL), step("p1.ex02.restart", "ex02", Action.RESTART_SERVICE),
                step("p1.ex02.owa", "ex02", Action.RECYCLE_APP_POOL), step("p1.ex02.ecp", "ex02", Action.RECYCLE_APP_POOL)));
        transport.otherwise((host, script) -> script.contains("ecp") && host.equals("ex02") ? ok("unchanged") : ok(""));

        RunResult run = apply(plan, RunSettings.DEFAULT, null);

        assertThat(run.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(transport.calls()).as("one command per server and batch").hasSize(2);
        assertThat(transport.calls("p1.ex01.")).singleElement().satisfies(c -> assertThat(BatchScripts.split(c.script()))
                .extracting(BatchScripts.Block::id).containsExactly("p1.ex01.restart", "p1.ex01.owa", "p1.ex01.ecp"));
        assertThat(lastEnd(transport.calls("p1.ex01."))).as("serial 1: ex02 after ex01").isLessThan(firstStart(transport.calls("p1.ex02.")));
        assertThat(run.results()).extracting(StepResult::outcome).containsExactly(StepOutcome.CHANGED, StepOutcome.CHANGED,
                StepOutcome.CHANGED, StepOutcome.CHANGED, StepOutcome.CHANGED, StepOutcome.OK);
        assertThat(eventsOf(RunEvent.StepStarted.class)).hasSize(6);
    }

    @Test
    void aFailureInsideABatchFailsThatStepAndTheRestOfTheBatchNeverRuns() {
        transport.otherwise((host, script) -> script.contains("p1.ex01.owa") ? exit(1, "Restart-WebAppPool : pool not found") : ok(""));
        Plan plan = plan(List.of("ex01"), null, phase(1, step("p1.ex01.restart", "ex01", Action.RESTART_SERVICE),
                step("p1.ex01.owa", "ex01", Action.RECYCLE_APP_POOL), step("p1.ex01.ecp", "ex01", Action.RECYCLE_APP_POOL)));

        RunResult run = apply(plan, RunSettings.DEFAULT, null);

        assertThat(result(run, "p1.ex01.restart").outcome()).isEqualTo(StepOutcome.CHANGED);
        assertThat(result(run, "p1.ex01.owa").outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(result(run, "p1.ex01.owa").message()).contains("exit code 1: Restart-WebAppPool : pool not found");
        assertThat(result(run, "p1.ex01.ecp").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(result(run, "p1.ex01.ecp").message()).contains("p1.ex01.owa failed before it");
        assertThat(run.failedHosts()).containsExactly("ex01");
    }

    @Test
    void consecutivePhasesOnTheSameSingleHostRunAsOneCommandWithTheirEventsInOrder() {
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, orgStep("p1.create", "ex01", Action.CREATE_CERTIFICATE)),
                phase(2, orgStep("p2.stage", "ex01", Action.STAGE_NEXT_CERTIFICATE)),
                phase(3, orgStep("p3.publish", "ex01", Action.PUBLISH_CERTIFICATE)),
                phase(4, step("p4.ex01", "ex01", Action.RESTART_SERVICE), step("p4.ex02", "ex02", Action.RESTART_SERVICE)));

        RunResult run = apply(plan, RunSettings.DEFAULT, null);

        assertThat(run.status()).isEqualTo(RunResult.Status.SUCCEEDED);
        assertThat(transport.calls("p1.create")).singleElement().satisfies(c -> assertThat(c.script()).contains("p2.stage", "p3.publish"));
        assertThat(transport.calls()).hasSize(3);
        List<String> order;
        synchronized (events) {
            order = events.stream().filter(e -> e instanceof RunEvent.PhaseStarted || e instanceof RunEvent.StepFinished
                    || e instanceof RunEvent.PhaseFinished).map(e -> e instanceof RunEvent.PhaseStarted p ? "start " + p.phase()
                    : e instanceof RunEvent.PhaseFinished f ? "end " + f.phase() : "step").limit(9).toList();
        }
        assertThat(order).containsExactly("start 1", "step", "end 1", "start 2", "step", "end 2", "start 3", "step", "end 3");
    }

    @Test
    void aLostAnswerToABatchLeavesEveryStepUnknownAndTheFactsAreGatheredAgain() {
        AtomicInteger sent = new AtomicInteger();
        transport.on("ex01", (host, script) -> {
            if (script.contains("p1.create")) {
                sent.incrementAndGet();
                throw new TransportException(TransportException.Kind.RESPONSE_LOST, host, "connection reset");
            }
            return ok("");
        });
        Plan plan = plan(List.of("ex01"), null, phase(1, orgStep("p1.create", "ex01", Action.CREATE_CERTIFICATE)),
                phase(2, orgStep("p2.stage", "ex01", Action.STAGE_NEXT_CERTIFICATE)));
        Replanner done = lost -> plan(List.of("ex01"), null);

        RunResult run = apply(plan, RunSettings.DEFAULT, done);

        assertThat(sent).hasValue(1);
        assertThat(result(run, "p1.create").outcome()).isEqualTo(StepOutcome.LOST);
        assertThat(result(run, "p2.stage").outcome()).isEqualTo(StepOutcome.LOST);
        assertThat(run.replans()).isEqualTo(1);
        assertThat(run.status()).isEqualTo(RunResult.Status.SUCCEEDED);
    }

    @Test
    void aTimedOutBatchHoldingACreateThatIsStillPlannedStopsItsHost() {
        transport.on("ex01", (host, script) -> {
            throw new TransportException(TransportException.Kind.TIMED_OUT, host, "no answer within 20m");
        });
        Plan plan = plan(List.of("ex01"), null, phase(1, orgStep("p1.create", "ex01", Action.CREATE_CERTIFICATE)),
                phase(2, new Step("p2.stage", "ex01", true, "auth_config", Action.STAGE_NEXT_CERTIFICATE, "test",
                        Plans.script("p2.stage"), true, Duration.ofMinutes(10))));
        Replanner stillNeeded = lost -> plan(List.of("ex01"), null, phase(1, orgStep("n1.create", "ex01", Action.CREATE_CERTIFICATE)));

        RunResult run = apply(plan, RunSettings.DEFAULT, stillNeeded);

        assertThat(transport.calls()).hasSize(1);
        assertThat(run.failedHosts()).containsExactly("ex01");
        assertThat(eventsOf(RunEvent.HostFailed.class).get(0).reason()).contains("p1.create timed out and may still be running");
    }

    @Test
    void withoutAReplannerALostResponseStopsTheHostWithAdvice() {
        transport.on("ex02", (host, script) -> {
            throw new TransportException(TransportException.Kind.RESPONSE_LOST, host, "reset");
        });
        Plan plan = plan(List.of("ex01", "ex02"), null,
                phase(1, step("p1.ex01", "ex01", Action.RESTART_SERVICE), step("p1.ex02", "ex02", Action.RESTART_SERVICE)),
                phase(2, step("p2.ex01", "ex01", Action.RECYCLE_APP_POOL), step("p2.ex02", "ex02", Action.RECYCLE_APP_POOL)));

        RunResult run = apply(plan, RunSettings.DEFAULT, null);

        assertThat(run.failedHosts()).containsExactly("ex02");
        assertThat(transport.calls("p1.ex02")).hasSize(1);
        assertThat(transport.calls("p2.")).extracting(RecordingTransport.Call::host).containsExactly("ex01");
        assertThat(eventsOf(RunEvent.HostFailed.class).get(0).reason()).contains("run apply again");
    }

    @Test
    void anUnreachableHostIsCountedAsUnreachableAndStops() {
        transport.on("ex03", (host, script) -> {
            throw new TransportException(TransportException.Kind.UNREACHABLE, host, "connection refused");
        });
        Plan plan = plan(THREE, null,
                phase(1, THREE.stream().map(h -> step("p1." + h, h, Action.RESTART_SERVICE)).toArray(io.authcert.plan.Step[]::new)),
                phase(2, step("p2.ex03", "ex03", Action.RECYCLE_APP_POOL)));

        RunResult run = apply(plan, 3);

        assertThat(result(run, "p1.ex03").outcome()).isEqualTo(StepOutcome.UNREACHABLE);
        assertThat(result(run, "p2.ex03").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(transport.calls("p2.")).isEmpty();
    }

    @Test
    void aSavedStepWhoseScriptWasRedactedIsRefusedAndNothingIsSent() {
        io.authcert.plan.Step saved = new io.authcert.plan.Step("p1.import", "ex01", false, "certificate/x",
                Action.IMPORT_CERTIFICATE, "test", io.authcert.plan.StepScript.loaded("$p = '********'\n"), true, null);
        Plan plan = plan(List.of("ex01"), null, phase(1, saved));

        RunResult run = apply(plan, 1);

        assertThat(transport.calls()).isEmpty();
        assertThat(result(run, "p1.import").outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(result(run, "p1.import").message()).contains("redacted").contains("cannot be sent");
    }

    @Test
    void aManualFollowUpIsNeverSentAndNeverPretendedDone() {
        Plan plan = plan(List.of("ex01"), null, phase(1, new io.authcert.plan.Step("f", "ex01", true, "hybrid",
                Action.MANUAL_FOLLOWUP, "re-run the Hybrid Configuration Wizard", io.authcert.plan.StepScript.none(), false, null)));

        RunResult run = apply(plan, 1);

        assertThat(transport.calls()).isEmpty();
        assertThat(result(run, "f").outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(result(run, "f").message()).isEqualTo("manual follow-up: re-run the Hybrid Configuration Wizard");
    }

    @Test
    void aScriptThatFoundNothingToDoCountsAsOk() {
        transport.otherwise((host, script) -> ok("checked\nunchanged"));
        RunResult run = apply(plan(List.of("ex01"), null, phase(1, step("s", "ex01", Action.BIND_BACKEND_CERTIFICATE))), 1);

        assertThat(result(run, "s").outcome()).isEqualTo(StepOutcome.OK);
    }

    @Test
    void theNudgeScriptIsValidPowerShell() {
        io.authcert.testing.PsSyntaxCheck.assertValid(java.util.Map.of("nudge", ServiceHostNudge.script(io.authcert.plan.ExchangeNames.SERVICE_HOST)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other host never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
