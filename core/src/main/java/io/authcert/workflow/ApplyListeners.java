package io.authcert.workflow;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.OwaHealth;
import io.authcert.plan.Plan;
import io.authcert.run.RunResult;
import io.authcert.run.VerifyCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Several listeners heard as one (the person's printer and the reports), each event in the order given. */
public final class ApplyListeners implements ApplyListener {

    private final List<ApplyListener> all;

    private ApplyListeners(List<ApplyListener> all) {
        this.all = List.copyOf(all);
    }

    public static ApplyListener of(ApplyListener... listeners) {
        return new ApplyListeners(List.of(listeners));
    }

    @Override
    public void lockHeld(String message, String lockFile) {
        all.forEach(l -> l.lockHeld(message, lockFile));
    }

    @Override
    public void staleLockTakenOver(String holder) {
        all.forEach(l -> l.staleLockTakenOver(holder));
    }

    @Override
    public void gathering(List<String> hosts) {
        all.forEach(l -> l.gathering(hosts));
    }

    @Override
    public void cannotPlan(List<Diagnostic> reasons) {
        all.forEach(l -> l.cannotPlan(reasons));
    }

    @Override
    public void stale(StalePlan stale) {
        all.forEach(l -> l.stale(stale));
    }

    @Override
    public void edited(Path file, List<String> differences) {
        all.forEach(l -> l.edited(file, differences));
    }

    @Override
    public void planReady(Plan plan) {
        all.forEach(l -> l.planReady(plan));
    }

    @Override
    public void heldBack(io.authcert.plan.GuardedPlan guarded) {
        all.forEach(l -> l.heldBack(guarded));
    }

    @Override
    public void tooManyHosts(io.authcert.plan.GuardedPlan guarded) {
        all.forEach(l -> l.tooManyHosts(guarded));
    }

    @Override
    public void notConfirmed(Confirmation.Answer answer) {
        all.forEach(l -> l.notConfirmed(answer));
    }

    @Override
    public void runEnded(RunResult run) {
        all.forEach(l -> l.runEnded(run));
    }

    @Override
    public void verifying() {
        all.forEach(ApplyListener::verifying);
    }

    @Override
    public void verdict(VerifyCheck.Verdict verdict) {
        all.forEach(l -> l.verdict(verdict));
    }

    @Override
    public void cannotVerify(List<Diagnostic> reasons) {
        all.forEach(l -> l.cannotVerify(reasons));
    }

    @Override
    public void health(String title, Map<String, OwaHealth> health) {
        all.forEach(l -> l.health(title, health));
    }

    @Override
    public void verified(Verifier.Outcome outcome) {
        all.forEach(l -> l.verified(outcome));
    }
}
