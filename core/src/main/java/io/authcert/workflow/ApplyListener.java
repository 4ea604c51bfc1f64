package io.authcert.workflow;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.OwaHealth;
import io.authcert.plan.Plan;
import io.authcert.run.VerifyCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the apply workflow tells the person, as it happens; the core never prints, the CLI does.
 * Every method does nothing by default. The executor's own events go to its {@code RunListener}.
 */
public interface ApplyListener {

    /** A saved plan the facts no longer match, and why (or why planning again stops). */
    record StalePlan(Path file, String playbook, String savedFingerprint, String nowFingerprint, List<String> differences,
            List<Diagnostic> planningProblems) {
        public StalePlan {
            differences = List.copyOf(differences);
            planningProblems = List.copyOf(planningProblems);
        }
    }

    ApplyListener NONE = new ApplyListener() { };

    default void lockHeld(String message, String lockFile) {
    }

    default void staleLockTakenOver(String holder) {
    }

    default void gathering(List<String> hosts) {
    }

    default void cannotPlan(List<Diagnostic> reasons) {
    }

    default void stale(StalePlan stale) {
    }

    /** A saved plan that differs from what the planner makes from the same facts and moment: each difference, in words. */
    default void edited(Path file, List<String> differences) {
    }

    /** The plan about to be applied (or the empty one): shown before anyone is asked. */
    default void planReady(Plan plan) {
    }

    /** The guard rails hold back part of the plan (told before anyone is asked; the rest may still run). */
    default void heldBack(io.authcert.plan.GuardedPlan guarded) {
    }

    /** What would run changes more hosts than {@code --max-hosts-changed}: nothing runs. */
    default void tooManyHosts(io.authcert.plan.GuardedPlan guarded) {
    }

    default void notConfirmed(Confirmation.Answer answer) {
    }

    /** The executor stopped: every step ran, or it failed or was aborted (then verification looks once, without waiting). */
    default void runEnded(io.authcert.run.RunResult run) {
    }

    default void verifying() {
    }

    default void verdict(VerifyCheck.Verdict verdict) {
    }

    default void cannotVerify(List<Diagnostic> reasons) {
    }

    default void health(String title, Map<String, OwaHealth> health) {
    }

    default void verified(Verifier.Outcome outcome) {
    }
}
