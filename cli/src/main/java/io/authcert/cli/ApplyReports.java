package io.authcert.cli;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.OwaHealth;
import io.authcert.report.ApplyOutcome;
import io.authcert.report.JUnitReport;
import io.authcert.report.JsonReport;
import io.authcert.run.RunResult;
import io.authcert.run.VerifyCheck;
import io.authcert.workflow.ApplyListener;
import io.authcert.workflow.ApplyResult;
import io.authcert.workflow.Confirmation;
import io.authcert.workflow.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --report-json} and {@code --junit}, written for every apply however it ended: the run's steps
 * when something ran, and always the ending with its reasons (a planning failure, a stale or edited
 * plan, a held lock, an abort, a failed verification), heard as the workflow tells them.
 */
final class ApplyReports implements ApplyListener {

    private final Path jsonFile;
    private final Path junitFile;
    private final JsonReport json = new JsonReport();
    private final JUnitReport junit = new JUnitReport();
    private final List<String> problems = new ArrayList<>();
    private Verifier.Outcome verification;

    ApplyReports(Path jsonFile, Path junitFile) {
        this.jsonFile = jsonFile;
        this.junitFile = junitFile;
    }

    JsonReport json() {
        return json;
    }

    JUnitReport junit() {
        return junit;
    }

    /** Writes the reports asked for, ending with {@code status}; {@code error} adds why the apply stopped. */
    void write(String status, int exitCode, String error) throws IOException {
        if (error != null) {
            problems.add(error);
        }
        ApplyOutcome outcome = new ApplyOutcome(status, verification == null ? null : name(verification), exitCode, problems);
        json.outcome(outcome);
        junit.outcome(outcome);
        if (jsonFile != null) {
            json.write(jsonFile);
        }
        if (junitFile != null) {
            junit.write(junitFile);
        }
    }

    void write(ApplyResult result, int exitCode) throws IOException {
        write(name(result.status()), exitCode, null);
    }

    @Override
    public void lockHeld(String message, String lockFile) {
        problems.add("another apply holds the lock " + lockFile + ": " + message);
    }

    @Override
    public void cannotPlan(List<Diagnostic> reasons) {
        reasons.forEach(r -> problems.add("cannot plan: " + r.message()));
    }

    @Override
    public void stale(StalePlan stale) {
        problems.add("the saved plan " + stale.file() + " is stale: the servers changed since it was made");
        problems.addAll(stale.differences());
        stale.planningProblems().forEach(d -> problems.add(d.message()));
    }

    @Override
    public void edited(Path file, List<String> differences) {
        problems.add("the saved plan " + file + " is not the plan the planner makes from its facts: it was edited");
        problems.addAll(differences);
    }

    @Override
    public void heldBack(io.authcert.plan.GuardedPlan guarded) {
        json.guard(guarded);
        guarded.heldBack().forEach(h -> problems.add("held back: " + h.line()));
    }

    @Override
    public void tooManyHosts(io.authcert.plan.GuardedPlan guarded) {
        json.guard(guarded);
        problems.add("refused: the plan would change " + guarded.hostsChanged().size() + " hosts ("
                + String.join(", ", guarded.hostsChanged()) + "), more than --max-hosts-changed " + guarded.maxHostsChanged());
    }

    @Override
    public void notConfirmed(Confirmation.Answer answer) {
        problems.add("not confirmed (" + name(answer) + "): nothing was run");
    }

    @Override
    public void runEnded(RunResult run) {
        if (!run.succeeded()) {
            problems.add("the run " + name(run.status()) + (run.reason().isBlank() ? "" : ": " + run.reason()));
        }
    }

    @Override
    public void verdict(VerifyCheck.Verdict verdict) {
        verdict.remaining().forEach(l -> problems.add("not converged: " + l));
        verdict.held().forEach(l -> problems.add("needs a person: " + l));
    }

    @Override
    public void cannotVerify(List<Diagnostic> reasons) {
        reasons.forEach(r -> problems.add("cannot verify: " + r.message()));
    }

    @Override
    public void health(String title, Map<String, OwaHealth> health) {
        health.forEach((host, h) -> {
            if (h.status() == OwaHealth.Status.UNHEALTHY || h.status() == OwaHealth.Status.UNREACHABLE) {
                problems.add(title + ": " + host + ": " + h.detail());
            }
        });
    }

    @Override
    public void verified(Verifier.Outcome outcome) {
        verification = outcome;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
