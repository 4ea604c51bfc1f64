package io.authcert.workflow;

import io.authcert.facts.Facts;
import io.authcert.plan.FactsFingerprint;
import io.authcert.plan.GuardedPlan;
import io.authcert.plan.Plan;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.plan.SavedPlanCheck;
import io.authcert.run.PlanDiff;
import io.authcert.run.Replanner;
import io.authcert.run.RunResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code engine apply} as steps, top to bottom: lock, gather, plan (or check a saved plan is not
 * stale), show, hold back what the guard rails do not allow, confirm, execute, verify. Every collaborator comes in through the constructor, so a
 * test runs it with fakes; nothing here prints (the {@link ApplyListener} hears what happens).
 */
public final class ApplyWorkflow {

    private final FactsSource facts;
    private final Confirmation confirmation;
    private final ApplyLocks locks;
    private final PlanExecution execution;
    private final Verifier verifier;
    private final ApplyListener listener;
    private final Clock clock;
    private final Planner planner = new Planner();

    public ApplyWorkflow(FactsSource facts, Confirmation confirmation, ApplyLocks locks, PlanExecution execution,
            Verifier verifier, ApplyListener listener, Clock clock) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ApplyResult run(ApplyRequest request) throws Exception {
        ApplyLocks.Lease lease;
        try {
            lease = locks.acquire(request.inventories(), servers(request.play()));
        } catch (ApplyLocks.HeldException e) {
            listener.lockHeld(e.getMessage(), e.lockFile());
            return ApplyResult.of(ApplyResult.Status.LOCK_HELD);
        }
        try (lease) {
            if (lease.staleTakenOver() != null) {
                listener.staleLockTakenOver(lease.staleTakenOver());
            }
            return locked(request);
        }
    }

    private ApplyResult locked(ApplyRequest request) throws Exception {
        SelectedPlay play = request.play();
        listener.gathering(play.names());
        Facts now = facts.gather(play.hosts());
        Plan plan;
        if (request.fromSavedPlan()) {
            Plan saved = request.savedPlan();
            if (!FactsFingerprint.matches(saved, now)) {
                listener.stale(staleness(request, now));
                return ApplyResult.of(ApplyResult.Status.STALE);
            }
            // The file is a reviewed contract, not a script to trust: it runs only if it is exactly what the
            // planner makes from the same facts at the moment it was planned, and then the planner's own copy
            // runs (it has the real values where the file has redactions).
            try {
                plan = remade(request, now);
            } catch (PlanningException e) {
                listener.cannotPlan(e.reasons());
                return ApplyResult.of(ApplyResult.Status.CANNOT_PLAN);
            }
            List<String> edits = SavedPlanCheck.differences(saved, plan);
            if (!edits.isEmpty()) {
                listener.edited(request.savedPlanFile(), edits);
                return ApplyResult.of(ApplyResult.Status.EDITED);
            }
        } else {
            try {
                plan = planner.plan(play.planRequest(now, clock.instant(), request.options().nudgeInterval()));
            } catch (PlanningException e) {
                listener.cannotPlan(e.reasons());
                return ApplyResult.of(ApplyResult.Status.CANNOT_PLAN);
            }
        }
        listener.planReady(plan);
        if (plan.isEmpty()) {
            return ApplyResult.of(status(verifier.verify(play), ApplyResult.Status.NOTHING_TO_DO));
        }
        // The guard rails of an unattended run: what is not allowed, or relies on what is not, is held back and told.
        GuardedPlan guarded = request.options().guard().apply(plan);
        if (guarded.holdsBack()) {
            listener.heldBack(guarded);
        }
        if (guarded.exceedsMaxHosts()) {
            listener.tooManyHosts(guarded);
            return ApplyResult.of(ApplyResult.Status.TOO_MANY_HOSTS);
        }
        if (guarded.runnable().isEmpty()) {
            // Nothing may run: look once at what is true, without waiting for OWA to heal (nothing is coming that would).
            return ApplyResult.of(ended(verifier.verifyOnce(play), true, ApplyResult.Status.NOTHING_TO_DO));
        }
        // A reviewed plan file is the approval only with autoApprove; on a terminal we still ask.
        if (!request.options().autoApprove()) {
            Confirmation.Answer answer = confirmation.ask(guarded.runnable());
            if (answer != Confirmation.Answer.YES) {
                listener.notConfirmed(answer);
                return ApplyResult.of(ApplyResult.Status.NOT_CONFIRMED);
            }
        }
        RunResult run = execution.execute(guarded.runnable(), replanner(play, request.options()));
        listener.runEnded(run);
        if (Thread.interrupted() | run.status() == io.authcert.run.RunResult.Status.STOPPED) {
            // Stopped by a signal: no verification now; the flag is cleared so the lock, journal and reports close cleanly.
            return new ApplyResult(ApplyResult.Status.INTERRUPTED, run);
        }
        Verifier.Outcome verified = run.succeeded() ? verifier.verify(play) : verifier.verifyOnce(play);
        return new ApplyResult(run.succeeded() ? ended(verified, guarded.holdsBack(), ApplyResult.Status.APPLIED)
                : ApplyResult.Status.FAILED, run);
    }

    /**
     * What the guard rails held back wins over the verification (it says how the servers are, in the report):
     * the servers may well be unhealthy because a person has yet to allow the fix.
     */
    private static ApplyResult.Status ended(Verifier.Outcome verified, boolean heldBack, ApplyResult.Status whenVerified) {
        return heldBack ? ApplyResult.Status.HELD_BACK : status(verified, whenVerified);
    }

    private static ApplyResult.Status status(Verifier.Outcome verified, ApplyResult.Status whenVerified) {
        return switch (verified) {
            case VERIFIED -> whenVerified;
            case NEEDS_HUMAN -> ApplyResult.Status.NEEDS_HUMAN;
            case FAILED -> ApplyResult.Status.FAILED;
        };
    }

    /** Each host as it is reached: the same server named by two inventories takes the same lock. */
    private static List<String> servers(SelectedPlay play) {
        return play.hosts().stream().map(h -> h.string("ansible_host").orElse(h.name())).toList();
    }

    /** The plan the planner makes from these facts at the saved plan's own moment, with its nudge interval. */
    private Plan remade(ApplyRequest request, Facts now) {
        Plan saved = request.savedPlan();
        java.time.Duration nudgeInterval = saved.steps().stream().flatMap(s -> s.nudgeIfAny().stream())
                .map(io.authcert.plan.Nudge::interval).findFirst().orElse(request.options().nudgeInterval());
        java.time.Instant at = saved.plannedAt() == null ? clock.instant() : saved.plannedAt();
        return planner.plan(request.play().planRequest(now, at, nudgeInterval));
    }

    /** After a lost response: gather every host again and plan the rest from what is true, within the same guard rails. */
    private Replanner replanner(SelectedPlay play, ApplyOptions options) {
        return lost -> options.guard().apply(planner.plan(play.planRequest(facts.gather(play.hosts()), clock.instant(),
                options.nudgeInterval()))).runnable();
    }

    /** How the saved plan differs from the one the facts give now (or why planning again stops). */
    private ApplyListener.StalePlan staleness(ApplyRequest request, Facts now) {
        Plan saved = request.savedPlan();
        String fingerprint = FactsFingerprint.of(now, request.play().names());
        List<String> differences = List.of();
        List<io.authcert.diag.Diagnostic> problems = List.of();
        try {
            differences = PlanDiff.between(saved, planner.plan(request.play().planRequest(now, clock.instant(), request.options().nudgeInterval())));
        } catch (PlanningException e) {
            problems = e.reasons();
        }
        return new ApplyListener.StalePlan(request.savedPlanFile(), saved.playbook(), saved.factsFingerprint(), fingerprint,
                differences, problems);
    }
}
