package io.authcert.run;

import io.authcert.plan.Action;
import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import io.authcert.playbook.Serial;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a {@link Plan}: phases in order, each closed by a barrier (a join of every host's work in
 * the phase); within a phase, hosts in parallel up to {@code forks}, rolling phases batch by batch as
 * the play's {@code serial} says; waits poll every host together. After each barrier the failure
 * policy decides whether the remaining hosts go on. A failed host takes no further step, and no
 * organisation-wide step runs once any host has failed, so the organisation is never left worse than
 * it was found. A lost response is never answered by sending the command again: the facts are
 * gathered again (through the {@link Replanner}) and the run continues from the fresh plan.
 *
 * <p>The recipe, top to bottom: {@link #run} → phases → batches → segments (scripts per host, or a
 * wait across hosts) → one step class per kind of work ({@link ScriptStep}, {@link WaitStep},
 * {@link FollowupStep}).
 */
public final class Executor {

    private final Transport transport;
    private final Map<String, Target> targets;
    private final RunSettings settings;
    private final RunListener events;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Replanner replanner;

    /**
     * @param targets   how to reach each host, by inventory name
     * @param replanner gathers facts again and plans again after a lost response; null to stop the
     *                  host instead (it then fails with advice to apply again)
     */
    public Executor(Transport transport, Map<String, Target> targets, RunSettings settings, RunListener events,
            Clock clock, Sleeper sleeper, Replanner replanner) {
        this(transport, targets, settings, events, clock, sleeper, replanner, new StopRequest());
    }

    /** As above, stopping early (steps in flight finish, nothing new starts) once {@code stop} is requested. */
    public Executor(Transport transport, Map<String, Target> targets, RunSettings settings, RunListener events,
            Clock clock, Sleeper sleeper, Replanner replanner, StopRequest stop) {
        this.stop = stop;
        this.transport = transport;
        this.targets = Map.copyOf(targets);
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
        this.replanner = replanner;
    }

    private final StopRequest stop;

    /** Applies the plan and reports how it went (also as events, as it happens). */
    public RunResult run(Plan plan) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.forks(), r -> {
            Thread t = new Thread(r, "authcert-fork-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return new Run(plan, pool).execute();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The state of one run: which hosts failed, what ended how, whether the policy stopped everyone. */
    private final class Run {

        private final Plan original;
        private final ExecutorService pool;
        private final HostBoard board;
        private final FailurePolicyCheck policy;
        private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());
        private final Instant started;
        private String abortReason;
        private int replans;
        private Plan current;

        Run(Plan plan, ExecutorService pool) {
            this.original = plan;
            this.current = plan;
            this.pool = pool;
            this.board = new HostBoard(plan.hosts());
            this.policy = new FailurePolicyCheck(plan.failurePolicy());
            this.started = clock.instant();
        }

        RunResult execute() {
            events.on(new RunEvent.RunStarted(started, original.playbook(), original.hosts(), original.phases().size(),
                    original.steps().size(), original.followups()));
            List<Phase> queue = new ArrayList<>(current.phases());
            for (int i = 0; i < queue.size(); i++) {
                Phase phase = queue.get(i);
                stopIfRequested();
                if (abortReason != null) {
                    phase.steps().forEach(s -> skip(phase, s, "not run: " + abortReason));
                    continue;
                }
                List<Phase> group = pipeline(queue, i);
                Map<String, ResponseLostException> lost;
                if (group.size() > 1) {
                    lost = runPipelined(group);
                    i += group.size() - 1;
                } else {
                    lost = runPhase(phase);
                }
                if (!lost.isEmpty()) {
                    Plan fresh = replanAfterLoss(lost);
                    if (fresh != null) {
                        current = fresh;
                        queue = new ArrayList<>(fresh.phases());
                        i = -1;
                    }
                }
                FailurePolicyCheck.Verdict verdict = policy.check(original.hosts(), board.failedHosts());
                if (!verdict.proceed() && abortReason == null) {
                    abortReason = verdict.reason();
                }
            }
            RunResult.Status status = stop.reason().isPresent() && abortReason != null ? RunResult.Status.STOPPED
                    : abortReason != null ? RunResult.Status.ABORTED
                    : board.anyFailed() ? RunResult.Status.FAILED : RunResult.Status.SUCCEEDED;
            String reason = abortReason != null ? abortReason
                    : board.anyFailed() ? "failed: " + String.join(", ", board.failedHosts()) : "";
            Duration took = Duration.between(started, clock.instant());
            events.on(new RunEvent.RunFinished(clock.instant(), status, board.failedHosts(), reason, took));
            return new RunResult(status, results, board.failedHosts(), reason, replans, took);
        }

        private void stopIfRequested() {
            if (abortReason == null) {
                stop.reason().ifPresent(why -> abortReason = "stopped (" + why + "): the steps already sent finished, nothing"
                        + " new was started");
            }
        }

        /** Runs one phase up to its barrier; returns the hosts whose response was lost in it. */
        private Map<String, ResponseLostException> runPhase(Phase phase) {
            List<String> hosts = hostsOf(phase.steps());
            List<String> active = hosts.stream().filter(h -> !board.isFailed(h)).toList();
            List<List<String>> batches = active.isEmpty() ? List.of()
                    : phase.rolling() ? new Serial(phase.serial()).batches(active) : List.of(active);
            Map<String, Integer> perHost = new LinkedHashMap<>();
            phase.steps().forEach(s -> perHost.merge(s.host(), 1, Integer::sum));
            events.on(new RunEvent.PhaseStarted(clock.instant(), phase.number(), phase.name(), hosts, batches, perHost));
            for (String host : hosts) {
                if (board.isFailed(host)) {
                    stepsOf(phase.steps(), host).forEach(s -> skip(phase, s, "not run: " + host + " failed earlier ("
                            + board.reason(host) + ")"));
                }
            }
            Map<String, ResponseLostException> lost = new ConcurrentHashMap<>();
            for (int b = 0; b < batches.size(); b++) {
                List<String> batch = batches.get(b);
                stopIfRequested();
                if (abortReason != null) {
                    batch.forEach(h -> stepsOf(phase.steps(), h).forEach(s -> skip(phase, s, "not run: " + abortReason)));
                    continue;
                }
                runBatch(phase, batch, lost);
                if (phase.rolling() && b < batches.size() - 1) {
                    // Ansible applies the failure policy to each serial batch before starting the next.
                    FailurePolicyCheck.Verdict verdict = policy.check(batch, board.failedHosts());
                    if (!verdict.proceed()) {
                        abortReason = verdict.reason();
                    }
                }
            }
            List<String> failedHere = hosts.stream().filter(board::isFailed).toList();
            // done: every step of the host in this phase ran without failing (not stopped by the policy)
            Set<String> ids = new java.util.HashSet<>();
            phase.steps().forEach(s -> ids.add(s.id()));
            Set<String> notDone = new java.util.HashSet<>();
            synchronized (results) {
                results.stream().filter(r -> ids.contains(r.stepId()))
                        .filter(r -> r.outcome() != StepOutcome.OK && r.outcome() != StepOutcome.CHANGED
                                && r.action() != Action.MANUAL_FOLLOWUP)
                        .forEach(r -> notDone.add(r.host()));
            }
            long done = hosts.stream().filter(h -> !notDone.contains(h)).count();
            events.on(new RunEvent.PhaseFinished(clock.instant(), phase.number(), phase.name(), (int) done, hosts.size(),
                    failedHere));
            return lost;
        }

        /** One batch of hosts through the phase: consecutive script steps per host in parallel, waits across hosts. */
        private void runBatch(Phase phase, List<String> batch, Map<String, ResponseLostException> lost) {
            List<Step> steps = phase.steps().stream().filter(s -> batch.contains(s.host())).toList();
            for (List<Step> segment : segments(steps)) {
                if (isWait(segment.get(0).action())) {
                    runWaits(phase, segment, lost);
                } else {
                    runLanes(phase, segment, lost);
                }
            }
        }

        private void runLanes(Phase phase, List<Step> segment, Map<String, ResponseLostException> lost) {
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (String host : hostsOf(segment)) {
                List<Step> lane = stepsOf(segment, host);
                lanes.add(CompletableFuture.runAsync(() -> runLane(phase, host, lane, lost), pool));
            }
            // The barrier: every host's lane has ended before anything else starts.
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
        }

        private void runLane(Phase phase, String host, List<Step> lane, Map<String, ResponseLostException> lost) {
            for (int i = 0; i < lane.size(); i++) {
                List<Step> batch = batchFrom(lane, i);
                if (batch.size() > 1 && sendable(host, batch, lost)) {
                    runBatch(host, batch.stream().map(s -> new ScriptBatch.Entry(phase.number(), s)).toList(), lost);
                    i += batch.size() - 1;
                } else {
                    runStep(phase, host, lane.get(i), lost);
                }
            }
        }

        /** The longest run of steps from {@code i} that can go in one command. */
        private List<Step> batchFrom(List<Step> lane, int i) {
            List<Step> batch = new ArrayList<>();
            for (int k = i; k < lane.size() && ScriptBatch.batchable(lane.get(k)); k++) {
                batch.add(lane.get(k));
            }
            return batch;
        }

        /** Whether every step of a batch would be sent now (else they go one by one, each saying why not). */
        private boolean sendable(String host, List<Step> batch, Map<String, ResponseLostException> lost) {
            return !board.isFailed(host) && !lost.containsKey(host) && targets.containsKey(host)
                    && !(board.anyFailed() && batch.stream().anyMatch(Step::orgWide));
        }

        /** Announces steps of one host's phase, sends them as one command and reports each. */
        private void runBatch(String host, List<ScriptBatch.Entry> entries, Map<String, ResponseLostException> lost) {
            announce(host, entries, clock.instant());
            report(sendBatch(host, entries, lost));
        }

        /** Sends steps as one command; one result per step (not yet reported), LOST for each when the answer was. */
        private List<StepResult> sendBatch(String host, List<ScriptBatch.Entry> entries, Map<String, ResponseLostException> lost) {
            try {
                return new ScriptBatch(transport, targets.get(host), entries, clock).call();
            } catch (ResponseLostException e) {
                lost.put(host, e);
                List<StepResult> results = new ArrayList<>();
                for (ScriptBatch.Entry en : entries) {
                    results.add(StepResult.of(en.phase(), en.step(), StepOutcome.LOST, "response "
                            + (e.kind() == TransportException.Kind.TIMED_OUT ? "timed out" : "lost")
                            + ": the command (" + entries.size() + " steps in one) may or may not have run; gathering facts"
                            + " again instead of running it twice", clock.instant(), Duration.ZERO));
                }
                return results;
            }
        }

        private void announce(String host, List<ScriptBatch.Entry> entries, Instant at) {
            for (ScriptBatch.Entry e : entries) {
                events.on(new RunEvent.StepStarted(at, e.phase(), e.step().id(), host, e.step().action(), e.step().orgWide()));
            }
        }

        private void report(List<StepResult> results) {
            for (StepResult result : results) {
                finish(result);
                if (result.outcome().failedHost()) {
                    fail(result);
                }
            }
        }

        private void runStep(Phase phase, String host, Step step, Map<String, ResponseLostException> lost) {
            if (board.isFailed(host)) {
                skip(phase, step, "not run: " + host + " failed (" + board.reason(host) + ")");
                return;
            }
            if (lost.containsKey(host)) {
                skip(phase, step, "not run yet: the facts of " + host + " are gathered again after a lost response");
                return;
            }
            if (step.orgWide() && board.anyFailed()) {
                skip(phase, step, "organisation-wide step not run because " + String.join(", ", board.failedHosts())
                        + " failed: the organisation is left as it was found");
                return;
            }
            if (step.action() == Action.MANUAL_FOLLOWUP) {
                finish(new FollowupStep(phase.number(), step, clock).call());
                return;
            }
            Target target = targets.get(host);
            if (target == null) {
                fail(finish(StepResult.of(phase.number(), step, StepOutcome.FAILED,
                        "no connection settings for " + host + " in the inventory", clock.instant(), Duration.ZERO)));
                return;
            }
            events.on(new RunEvent.StepStarted(clock.instant(), phase.number(), step.id(), host, step.action(),
                    step.orgWide()));
            try {
                StepResult result = finish(new ScriptStep(transport, target, phase.number(), step, clock).call());
                if (result.outcome().failedHost()) {
                    fail(result);
                }
            } catch (ResponseLostException e) {
                lost.put(host, e);
                finish(StepResult.of(phase.number(), step, StepOutcome.LOST, "response "
                        + (e.kind() == TransportException.Kind.TIMED_OUT ? "timed out" : "lost")
                        + ": the command may or may not have run; gathering facts again instead of running it twice",
                        clock.instant(), Duration.ZERO));
            }
        }

        /**
         * Consecutive phases whose steps are all scripts on one and the same host (create, stage and publish
         * on the primary): their barriers join only that host, so they can run as one command. One phase
         * (or none) when the next phases do not qualify.
         */
        private List<Phase> pipeline(List<Phase> queue, int i) {
            List<Phase> group = new ArrayList<>();
            String host = null;
            for (int k = i; k < queue.size(); k++) {
                Phase p = queue.get(k);
                Set<String> hosts = new LinkedHashSet<>();
                p.steps().forEach(s -> hosts.add(s.host()));
                if (p.steps().isEmpty() || hosts.size() != 1 || !p.steps().stream().allMatch(ScriptBatch::batchable)
                        || (host != null && !host.equals(hosts.iterator().next()))) {
                    break;
                }
                host = hosts.iterator().next();
                group.add(p);
            }
            if (group.size() > 1) {
                List<Step> all = group.stream().flatMap(p -> p.steps().stream()).toList();
                if (!sendable(host, all, Map.of())) {
                    return List.of(queue.get(i));
                }
            }
            return group;
        }

        /**
         * Runs a {@link #pipeline} as one command. The first phase starts before it is sent; the others' events
         * follow in order once it has answered, each step with the time it began on the server.
         */
        private Map<String, ResponseLostException> runPipelined(List<Phase> group) {
            String host = group.get(0).steps().get(0).host();
            Map<Integer, List<ScriptBatch.Entry>> byPhase = new LinkedHashMap<>();
            group.forEach(p -> p.steps().forEach(s -> byPhase.computeIfAbsent(p.number(), n -> new ArrayList<>())
                    .add(new ScriptBatch.Entry(p.number(), s))));
            Map<String, ResponseLostException> lost = new ConcurrentHashMap<>();
            Phase first = group.get(0);
            phaseStarted(first, host);
            announce(host, byPhase.get(first.number()), clock.instant());
            List<StepResult> results = sendBatch(host, byPhase.values().stream().flatMap(List::stream).toList(), lost);
            for (Phase p : group) {
                List<StepResult> mine = results.stream().filter(r -> r.phase() == p.number()).toList();
                if (p != first) {
                    phaseStarted(p, host);
                    announce(host, byPhase.get(p.number()), mine.isEmpty() ? clock.instant() : mine.get(0).startedAt());
                }
                report(mine);
                boolean done = mine.stream().allMatch(r -> r.outcome() == StepOutcome.OK || r.outcome() == StepOutcome.CHANGED);
                events.on(new RunEvent.PhaseFinished(clock.instant(), p.number(), p.name(), done ? 1 : 0, 1,
                        board.isFailed(host) ? List.of(host) : List.of()));
            }
            return lost;
        }

        private void phaseStarted(Phase p, String host) {
            events.on(new RunEvent.PhaseStarted(clock.instant(), p.number(), p.name(), List.of(host), List.of(List.of(host)),
                    Map.of(host, p.steps().size())));
        }

        private void runWaits(Phase phase, List<Step> segment, Map<String, ResponseLostException> lost) {
            Map<Action, List<Step>> byAction = new LinkedHashMap<>();
            segment.forEach(s -> byAction.computeIfAbsent(s.action(), a -> new ArrayList<>()).add(s));
            for (List<Step> group : byAction.values()) {
                List<Step> runnable = new ArrayList<>();
                for (Step step : group) {
                    if (board.isFailed(step.host())) {
                        skip(phase, step, "not run: " + step.host() + " failed (" + board.reason(step.host()) + ")");
                    } else if (lost.containsKey(step.host())) {
                        skip(phase, step, "not run yet: the facts of " + step.host() + " are gathered again after a lost response");
                    } else if (!targets.containsKey(step.host())) {
                        fail(finish(StepResult.of(phase.number(), step, StepOutcome.FAILED,
                                "no connection settings for " + step.host() + " in the inventory", clock.instant(), Duration.ZERO)));
                    } else {
                        runnable.add(step);
                    }
                }
                if (runnable.isEmpty()) {
                    continue;
                }
                // The wait restarts only what its steps' nudges name, and only on hosts still worked on.
                WaitStep wait = new WaitStep(phase.number(), runnable, targets, transport, pool, settings, clock, sleeper,
                        events, host -> !board.isFailed(host));
                try {
                    for (StepResult result : wait.call().values()) {
                        finish(result);
                        if (result.outcome().failedHost()) {
                            fail(result);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abortReason = stop.reason().map(why -> "stopped (" + why + ") while waiting").orElse("interrupted while waiting");
                    runnable.forEach(s -> fail(finish(StepResult.of(phase.number(), s, StepOutcome.FAILED,
                            "interrupted while waiting", clock.instant(), Duration.ZERO))));
                }
            }
        }

        /** Gathers facts again after lost responses; null when the run cannot continue from facts. */
        private Plan replanAfterLoss(Map<String, ResponseLostException> lost) {
            List<String> lostHosts = original.hosts().stream().filter(lost::containsKey).toList();
            if (replanner == null || replans >= settings.maxReplans()) {
                lost.forEach((host, e) -> failHost(host, e.step().id(), "the response to " + e.step().id()
                        + " was lost; it may or may not have run, so it is not sent again: run apply again to converge"
                        + " from the facts"));
                return null;
            }
            replans++;
            Plan fresh;
            try {
                fresh = replanner.replan(new LinkedHashSet<>(lostHosts));
            } catch (Exception e) {
                lost.forEach((host, lostStep) -> failHost(host, lostStep.step().id(), "the response to "
                        + lostStep.step().id() + " was lost, and gathering facts again failed: " + e.getMessage()));
                return null;
            }
            for (Map.Entry<String, ResponseLostException> entry : lost.entrySet()) {
                for (Step was : entry.getValue().steps()) {
                    boolean stillPlanned = fresh.steps().stream().anyMatch(s -> s.host().equals(was.host())
                            && s.action() == was.action() && java.util.Objects.equals(s.resource(), was.resource()));
                    if (stillPlanned && entry.getValue().kind() == TransportException.Kind.TIMED_OUT && !was.retryable()) {
                        failHost(entry.getKey(), was.id(), was.id() + " timed out and may still be running; the facts do not"
                                + " show its effect yet and it is not safe to run twice: run apply again once it has finished");
                    }
                }
            }
            events.on(new RunEvent.Replanned(clock.instant(), lostHosts,
                    "facts gathered again after a lost response; continuing from what is true", fresh.steps().size()));
            return fresh;
        }

        private void skip(Phase phase, Step step, String why) {
            finish(StepResult.skipped(phase.number(), step, why, clock.instant()));
        }

        private StepResult finish(StepResult result) {
            results.add(result);
            events.on(new RunEvent.StepFinished(clock.instant(), result));
            return result;
        }

        private void fail(StepResult result) {
            failHost(result.host(), result.stepId(), result.message());
        }

        private void failHost(String host, String stepId, String reason) {
            if (!board.isFailed(host)) {
                board.fail(host, reason);
                events.on(new RunEvent.HostFailed(clock.instant(), host, stepId, reason));
            }
        }

        /** The distinct hosts of these steps, in inventory order (others after, in step order). */
        private List<String> hostsOf(List<Step> steps) {
            Set<String> present = new LinkedHashSet<>();
            steps.forEach(s -> present.add(s.host()));
            List<String> out = new ArrayList<>(original.hosts().stream().filter(present::contains).toList());
            present.stream().filter(h -> !out.contains(h)).forEach(out::add);
            return out;
        }
    }

    private static List<Step> stepsOf(List<Step> steps, String host) {
        return steps.stream().filter(s -> s.host().equals(host)).toList();
    }

    static boolean isWait(Action action) {
        return action == Action.WAIT_FOR_CERTIFICATE || action == Action.WAIT_FOR_AUTH_CONFIG;
    }

    /** Splits steps into runs of consecutive waits and consecutive other steps, keeping their order. */
    static List<List<Step>> segments(List<Step> steps) {
        List<List<Step>> out = new ArrayList<>();
        for (Step step : steps) {
            if (out.isEmpty() || isWait(out.get(out.size() - 1).get(0).action()) != isWait(step.action())) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(step);
        }
        return out;
    }
}
