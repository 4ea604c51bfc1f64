package io.authcert.rehearse;

import io.authcert.facts.Facts;
import io.authcert.facts.FactsGatherer;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.SimClock;
import io.authcert.plan.Plan;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.plan.Step;
import io.authcert.run.Executor;
import io.authcert.run.RunEvents;
import io.authcert.run.RunResult;
import io.authcert.run.RunSettings;
import io.authcert.run.Sleeper;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.workflow.SelectedPlay;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rehearses a plan on a twin of the organisation: builds the twin from the facts the plan was made
 * from, serves it on loopback, applies the plan to it exactly as written (only its thumbprints written
 * as the twin's), then gathers the twin's facts and plans again, and says whether it converged. The
 * twin's clock is frozen and only the executor's waits move it, so hours of replication pass at once.
 * Nothing here can reach a real server: the only targets are the twin's 127.0.0.1 endpoints.
 */
public final class Rehearsal {

    /** How often a wait polls, in the twin's time; the real default (15 s) would only make more commands. */
    static final Duration POLL = Duration.ofMinutes(1);

    /** How a line of what is left says that it is held back for a person (not a step left undone). */
    static final String HELD = "held for a person: ";

    private final Transport transport;

    public Rehearsal(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param plan          the plan to rehearse: the saved one, or the one made from {@code facts}
     * @param facts         the facts the plan was made from
     * @param play          the play the plan covers (to plan again on the twin afterwards)
     * @param nudgeInterval what the plan after the apply carries in its waits
     */
    public RehearsalReport run(Plan plan, Facts facts, SelectedPlay play, Duration nudgeInterval) throws IOException {
        refuseUnsendable(plan);
        Twin twin = TwinBuilder.build(facts, plan.plannedAt());
        for (String host : plan.hosts()) {
            if (!twin.serverOfHost().containsKey(host)) {
                throw new RehearsalException("host " + host + " of the plan has no gathered facts, so the twin cannot have it");
            }
        }
        Plan onTwin = TwinPlan.intoTwin(plan, twin.thumbprints());
        try (TwinLab twinLab = TwinLab.start(twin)) {
            return rehearse(onTwin, twin, twinLab, play, nudgeInterval);
        }
    }

    private RehearsalReport rehearse(Plan onTwin, Twin twin, TwinLab twinLab, SelectedPlay play, Duration nudgeInterval) {
        EmbeddedLab lab = twinLab.lab();
        SimClock clock = lab.clock();
        Map<String, Target> targets = twinLab.targets();
        FactsGatherer gatherer = new FactsGatherer(transport, h -> targets.get(h.name()), clock, FactsGatherer.DEFAULT_TIMEOUT);
        PhaseLog phases = new PhaseLog();
        SignInWatch watch = new SignInWatch(lab, twin.serverOfHost(), phases, clock);
        Sleeper sleeper = d -> {
            watch.sample();
            clock.advance(d);
            watch.sample();
        };
        Executor executor = new Executor(transport, targets, new RunSettings(RunSettings.DEFAULT.forks(), POLL,
                RunSettings.DEFAULT.maxReplans()), RunEvents.of(watch), clock, sleeper,
                lost -> new Planner().plan(play.planRequest(gatherer.gather(play.hosts(), RunSettings.DEFAULT.forks()),
                        clock.instant(), nudgeInterval)));
        Instant started = clock.instant();
        watch.sample();
        boolean allUpBefore = watch.samples().get(0).down().isEmpty();
        long before = ServerCommands.lastSeq(lab.audit());
        phases.startRun("", onTwin);
        RunResult result = executor.run(onTwin);
        List<String> problems = new ArrayList<>();
        problems.addAll(runProblems("the apply", result, twin.thumbprints()));
        if (result.succeeded()) {
            problems.addAll(followThrough(lab, executor, watch, phases, gatherer, play, nudgeInterval, twin.thumbprints()));
        }
        watch.sample();
        Instant ended = clock.instant();
        long after = ServerCommands.lastSeq(lab.audit());

        List<String> leftToDo = leftToDo(play, gatherer, clock.instant(), nudgeInterval, twin.thumbprints(), problems);
        Map<String, Integer> signInDown = new LinkedHashMap<>();
        twin.serverOfHost().forEach((host, server) -> {
            EmbeddedLab.Health h = lab.healthOf(server);
            if (!lab.host(server).server().isEdge() && h.signIn() != 302) {
                signInDown.put(host, h.signIn());
            }
        });
        if (!signInDown.isEmpty()) {
            List<String> where = new ArrayList<>();
            signInDown.forEach((host, status) -> where.add(host + " (HTTP " + status + ")"));
            problems.add("OWA sign-in fails after the apply on " + String.join(", ", where) + ": users there cannot sign in;"
                    + " an OWA pool started before the new certificate and the Auth configuration naming it reached its"
                    + " server keeps the old one");
        }
        if (allUpBefore) {
            phases.phases().stream().filter(p -> p.rolling() && !p.withinBatch()).forEach(p -> problems.add(
                    (p.run().isEmpty() ? "" : p.run() + ", ") + "phase " + p.number() + " (" + p.name() + ") had "
                            + p.mostDownAtOnce() + " servers down at once, more than its serial batch of " + p.largestBatch()));
        }
        lab.organisation().clearedWhileLacking().forEach(w -> problems.add(twin.thumbprints().intoReal(w)));
        return new RehearsalReport(started, ended, List.copyOf(twin.serverOfHost().keySet()), result.status(),
                twin.thumbprints().intoReal(result.reason()), phases.phases(),
                ServerCommands.of(lab.audit(), twin.serverOfHost(), before, after, twin.thumbprints()), watch.samples(),
                leftToDo, signInDown, problems, twin.assumptions());
    }

    private static List<String> runProblems(String which, RunResult result, ThumbprintMap thumbprints) {
        if (result.succeeded()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(which + " " + result.status().name().toLowerCase(java.util.Locale.ROOT) + " on the twin"
                + (result.reason().isEmpty() ? "" : ": " + thumbprints.intoReal(result.reason())));
        result.results().stream().filter(r -> r.outcome().failedHost()).forEach(r -> out.add(r.host() + ": "
                + r.action().jsonName() + " (" + r.stepId() + ") " + r.outcome().jsonName() + ": "
                + thumbprints.intoReal(r.message())));
        return out;
    }

    /**
     * A staged rotation ends when the AuthAdmin servicelet publishes the staged certificate at its first
     * run on or after the effective date, and the next scheduled apply recycles the pools and clears the
     * previous one. The twin's clock goes on to that run and applies the next run's plan, so the rolling
     * restarts of the rotation are rehearsed too.
     */
    private static List<String> followThrough(EmbeddedLab lab, Executor executor, SignInWatch watch, PhaseLog phases,
            FactsGatherer gatherer, SelectedPlay play, Duration nudgeInterval, ThumbprintMap thumbprints) {
        io.authcert.lab.exchange.AuthConfig staged = lab.organisation().authConfigInDirectory();
        if (staged.nextThumbprint() == null || staged.nextEffectiveDate() == null) {
            return List.of();
        }
        SimClock clock = lab.clock();
        if (clock.instant().isBefore(staged.nextEffectiveDate())) {
            clock.advance(Duration.between(clock.instant(), staged.nextEffectiveDate()));
        }
        // Every server's servicelet runs within 12 hours of the date; replication then reaches every site.
        clock.advance(io.authcert.lab.exchange.Organisation.SERVICELET_PERIOD.plus(TwinBuilder.REPLICATION_DELAY).plusMinutes(1));
        watch.sample();
        if (!staged.nextThumbprint().equals(lab.organisation().authConfigInDirectory().currentThumbprint())) {
            return List.of("the staged certificate " + thumbprints.intoReal(staged.nextThumbprint()) + " was not published by"
                    + " the servicelet by " + clock.instant() + " (its date " + staged.nextEffectiveDate() + "): a server"
                    + " that would publish it lacks it");
        }
        Plan next;
        try {
            next = new Planner().plan(play.planRequest(gatherer.gather(play.hosts(), RunSettings.DEFAULT.forks()),
                    clock.instant(), nudgeInterval));
        } catch (PlanningException e) {
            return e.reasons().stream().map(r -> "the run after the publish cannot be planned: " + thumbprints.intoReal(r.message()))
                    .toList();
        }
        phases.startRun("after the publish, the next run", next);
        return runProblems("the next run after the publish", executor.run(next), thumbprints);
    }

    /**
     * The plan the engine makes on the twin after the apply, in words: empty when it converged. Waits
     * alone would be left for later by a real apply; here they count too, since the twin has no more to wait for.
     */
    private static List<String> leftToDo(SelectedPlay play, FactsGatherer gatherer, Instant now, Duration nudgeInterval,
            ThumbprintMap thumbprints, List<String> problems) {
        Facts facts = gatherer.gather(play.hosts(), RunSettings.DEFAULT.forks());
        Plan after;
        try {
            after = TwinPlan.intoReal(new Planner().plan(play.planRequest(facts, now, nudgeInterval)), thumbprints);
        } catch (PlanningException e) {
            e.reasons().forEach(r -> problems.add("the twin cannot be planned after the apply: " + thumbprints.intoReal(r.message())));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Step s : after.steps()) {
            out.add(s.host() + ": " + s.action().jsonName() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
        }
        if (!out.isEmpty()) {
            problems.add("planning again on the twin after the apply still finds " + out.size() + " step(s) to do");
        }
        after.held().forEach(h -> out.add(HELD + h.reason()));
        return out;
    }

    /** A saved plan whose scripts had secrets redacted cannot run anywhere, the twin included. */
    private static void refuseUnsendable(Plan plan) {
        for (Step s : plan.steps()) {
            if (!s.script().isEmpty() && !s.script().sendable()) {
                throw new RehearsalException("step " + s.id() + " of the saved plan has redacted values, which a saved plan"
                        + " does not keep: rehearse the playbook instead");
            }
        }
    }
}
