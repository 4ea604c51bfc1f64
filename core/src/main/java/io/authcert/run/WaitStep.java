package io.authcert.run;

import io.authcert.plan.Action;
import io.authcert.plan.Nudge;
import io.authcert.plan.StepScript;
import io.authcert.plan.Step;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Waits until every host of a phase agrees (has the certificate, reads the new AuthConfig): each
 * round runs every still-pending host's probe once, in parallel, until all print {@code ready} or
 * the step's timeout passes. A pending step with a {@link Nudge} has its service restarted on the
 * hosts the nudge names, at most once per its interval each, and nowhere else. A probe changes
 * nothing, so a lost probe response is simply polled again. After the first look, each probe is held on the
 * server for up to the poll interval ({@link HeldProbe}): it answers within a second of the host being ready.
 */
final class WaitStep {

    private final int phase;
    private final List<Step> steps;
    private final Map<String, Target> targets;
    private final Transport transport;
    private final ExecutorService pool;
    private final RunSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunListener events;
    private final java.util.function.Predicate<String> usable;

    /**
     * @param steps  one probe step per host, all of the same action
     * @param usable whether a host the plan names may still be worked on (not failed, reachable settings)
     */
    WaitStep(int phase, List<Step> steps, Map<String, Target> targets, Transport transport, ExecutorService pool,
            RunSettings settings, Clock clock, Sleeper sleeper, RunListener events,
            java.util.function.Predicate<String> usable) {
        this.phase = phase;
        this.steps = List.copyOf(steps);
        this.targets = targets;
        this.transport = transport;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
        this.usable = usable;
    }

    private record Poll(String host, ProbeAnswer answer, StepOutcome hostFailure, String failure) {
    }

    /** Polls until done; one result per host, in the order of the steps. */
    Map<String, StepResult> call() throws InterruptedException {
        Instant start = clock.instant();
        Duration timeout = steps.stream().map(Step::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
        Instant deadline = start.plus(timeout);
        Action action = steps.get(0).action();
        Map<String, Step> pending = new LinkedHashMap<>();
        steps.forEach(s -> pending.put(s.host(), s));
        Map<String, String> missing = new LinkedHashMap<>();
        Map<String, Instant> lastNudge = new HashMap<>();
        Map<String, Integer> nudges = new HashMap<>();
        Map<String, String> nudgedService = new HashMap<>();
        Map<String, StepResult> results = new LinkedHashMap<>();
        List<String> ready = new ArrayList<>();
        for (Step s : steps) {
            events.on(new RunEvent.StepStarted(start, phase, s.id(), s.host(), s.action(), s.orgWide()));
        }
        Duration hold = Duration.ZERO; // the first look is a plain probe, so that the first nudge follows at once
        while (true) {
            Instant roundStart = clock.instant();
            for (Poll poll : pollRound(pending, hold)) {
                Step step = pending.get(poll.host());
                Instant now = clock.instant();
                if (poll.hostFailure() != null) {
                    results.put(poll.host(), StepResult.of(phase, step, poll.hostFailure(), poll.failure(), start,
                            Duration.between(start, now)));
                    pending.remove(poll.host());
                    missing.remove(poll.host());
                } else if (poll.answer().ready()) {
                    int n = nudges.getOrDefault(poll.host(), 0);
                    String waited = "ready after " + seconds(Duration.between(start, now))
                            + (n == 0 ? "" : " and " + n + (n == 1 ? " restart of " : " restarts of ") + nudgedService.get(poll.host()));
                    results.put(poll.host(), StepResult.of(phase, step, n == 0 ? StepOutcome.OK : StepOutcome.CHANGED,
                            waited, start, Duration.between(start, now)));
                    pending.remove(poll.host());
                    missing.remove(poll.host());
                    ready.add(poll.host());
                } else {
                    missing.put(poll.host(), poll.answer().missing());
                }
            }
            Instant now = clock.instant();
            if (pending.isEmpty()) {
                break;
            }
            if (!now.isBefore(deadline)) {
                for (Step step : pending.values()) {
                    results.put(step.host(), StepResult.of(phase, step, StepOutcome.FAILED,
                            "still missing after " + seconds(timeout) + ": " + missing.getOrDefault(step.host(), "not ready"),
                            start, Duration.between(start, now)));
                }
                break;
            }
            events.on(new RunEvent.WaitingForHosts(now, phase, action, ready, missing, Duration.between(start, now), timeout));
            nudgeLaggards(pending.values(), start, lastNudge, nudges, nudgedService);
            // A held probe waited on the server; what is left of its interval (a quick failure, a fake) is slept here.
            Duration nap = min(hold.minus(Duration.between(roundStart, clock.instant())), Duration.between(clock.instant(), deadline));
            if (!nap.isNegative() && !nap.isZero()) {
                sleeper.sleep(nap);
            }
            hold = min(settings.pollInterval(), Duration.between(clock.instant(), deadline));
        }
        Map<String, StepResult> ordered = new LinkedHashMap<>();
        steps.forEach(s -> ordered.put(s.host(), results.get(s.host())));
        return ordered;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One look at every pending host; a stop (an interrupt) ends it at once: probes change nothing, so none need finish. */
    private List<Poll> pollRound(Map<String, Step> pending, Duration hold) throws InterruptedException {
        List<CompletableFuture<Poll>> round = new ArrayList<>();
        for (Step step : pending.values()) {
            round.add(CompletableFuture.supplyAsync(() -> probe(step, hold), pool));
        }
        try {
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            round.forEach(f -> f.cancel(true));
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
        }
        return round.stream().map(CompletableFuture::join).toList();
    }

    private Poll probe(Step step, Duration hold) {
        Target target = targets.get(step.host());
        if (!step.script().sendable()) {
            return new Poll(step.host(), null, StepOutcome.FAILED, new StepScript.UnsendableScriptException().getMessage());
        }
        try {
            CommandResult r = transport.run(target, HeldProbe.wrap(step.script().sent(), hold),
                    settings.pollInterval().multipliedBy(2).plusSeconds(60));
            if (!r.succeeded()) {
                return new Poll(step.host(), new ProbeAnswer(false,
                        "probe failed (exit code " + r.exitCode() + "): " + ScriptStep.firstLine(r.stderr(), r.stdout())), null, null);
            }
            return new Poll(step.host(), ProbeAnswer.parse(r.stdout()), null, null);
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.UNREACHABLE) {
                return new Poll(step.host(), null, StepOutcome.UNREACHABLE, "unreachable: " + e.getMessage());
            }
            if (e.kind() == TransportException.Kind.AUTHENTICATION || e.kind() == TransportException.Kind.UNSUPPORTED) {
                return new Poll(step.host(), null, StepOutcome.FAILED, e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + e.getMessage());
            }
            // A probe changes nothing: a lost or slow answer is just asked again next round.
            return new Poll(step.host(), new ProbeAnswer(false, "probe " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + e.getMessage()), null, null);
        }
    }

    /**
     * Restarts each pending step's nudge service on the hosts its nudge names, at once and then each host
     * at most once per the shortest interval a pending nudge gives it: the Service Host's certificate deployment
     * copies from a server that has it to the servers of its site that lack it, so the holders'
     * restart is what delivers it, and the laggard's own restart makes it look again. Counts go to the
     * step's own host, so its result says how often it was nudged.
     */
    private void nudgeLaggards(java.util.Collection<Step> pendingSteps, Instant start, Map<String, Instant> lastNudge,
            Map<String, Integer> nudges, Map<String, String> nudgedService) {
        Instant now = clock.instant();
        Map<String, Duration> interval = new LinkedHashMap<>();
        Map<String, String> service = new LinkedHashMap<>();
        for (Step step : pendingSteps) {
            Nudge nudge = step.nudge();
            if (nudge == null) {
                continue;
            }
            for (String host : nudge.hosts()) {
                if (usable.test(host) && targets.containsKey(host)) {
                    interval.merge(host, nudge.interval(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    service.putIfAbsent(host, nudge.service());
                }
            }
        }
        // The first nudge follows the first round that finds a host pending (deployment starts at once, as the
        // runbook's restart would); later ones come at most once per interval.
        List<String> due = interval.keySet().stream()
                .filter(h -> !lastNudge.containsKey(h)
                        || !Duration.between(lastNudge.get(h), now).minus(interval.get(h)).isNegative())
                .toList();
        List<CompletableFuture<Void>> restarts = new ArrayList<>();
        for (String host : due) {
            lastNudge.put(host, now);
            nudges.merge(host, 1, Integer::sum);
            nudgedService.put(host, service.get(host));
            restarts.add(CompletableFuture.runAsync(() -> nudge(host, service.get(host)), pool));
        }
        CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).join();
    }

    private void nudge(String host, String service) {
        String message;
        boolean ok;
        try {
            CommandResult r = transport.run(targets.get(host), ServiceHostNudge.script(service), Duration.ofMinutes(5));
            ok = r.succeeded();
            message = ok ? "restarted" : "exit code " + r.exitCode() + ": " + ScriptStep.firstLine(r.stderr(), r.stdout());
        } catch (TransportException e) {
            // Restarting a service twice is harmless, and the wait goes on either way.
            ok = false;
            message = e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage();
        }
        events.on(new RunEvent.HostNudged(clock.instant(), phase, host, service, ok, message));
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + "s" : (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
}
