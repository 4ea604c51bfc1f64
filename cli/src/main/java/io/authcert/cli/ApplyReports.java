package io.authcert.cli;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.OwaHealth;
import io.authcert.notify.Notification;
import io.authcert.notify.Notifications;
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
    private final Notifications notifications;
    private final List<String> inventories;
    private String playbook;
    private final List<String> failedHosts = new ArrayList<>();
    private final List<String> heldBack = new ArrayList<>();
    private final List<String> needsHuman = new ArrayList<>();
    private final List<String> followups = new ArrayList<>();

    ApplyReports(Path jsonFile, Path junitFile) {
        this(jsonFile, junitFile, new Notifications(List.of()), List.of(), null);
    }

    /** Reports that also tell {@code notifications} how the apply of {@code playbook} on {@code inventories} ended. */
    ApplyReports(Path jsonFile, Path junitFile, Notifications notifications, List<Path> inventories, String playbook) {
        this.jsonFile = jsonFile;
        this.junitFile = junitFile;
        this.notifications = notifications;
        this.inventories = inventories.stream().map(Path::toString).toList();
        this.playbook = playbook;
    }

    JsonReport json() {
        return json;
    }

    JUnitReport junit() {
        return junit;
    }

    /**
     * Tells the notifiers (when something changed, failed or needs a person), then writes the reports asked for,
     * ending with {@code status}; {@code error} adds why the apply stopped. Returns each notifier that failed, one
     * line each: a failed notification changes nothing of the outcome.
     */
    List<String> write(String status, int exitCode, String error) throws IOException, InterruptedException {
        if (error != null) {
            problems.add(error);
        }
        List<String> notifyFailures = List.of();
        if (notifications.any()) {
            Notification told = notification(status, exitCode);
            notifyFailures = notifications.send(told);
            json.notifications(notifications.tells(told) ? notifications.describe() : List.of(), notifyFailures);
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
        return notifyFailures;
    }

    List<String> write(ApplyResult result, int exitCode) throws IOException, InterruptedException {
        return write(name(result.status()), exitCode, null);
    }

    /** What the notifiers are told: built from what the reports heard, so never a script or a secret. */
    private Notification notification(String status, int exitCode) {
        List<String> changed = json.steps().stream().filter(s -> s.outcome() == io.authcert.run.StepOutcome.CHANGED)
                .map(s -> s.host() + ": " + s.action().jsonName() + " (" + s.stepId() + ")").toList();
        List<String> human = new ArrayList<>(needsHuman);
        followups.stream().filter(f -> !human.contains(f)).forEach(human::add);
        return new Notification(status, exitCode, inventories, playbook, java.time.Instant.now(), changed, failedHosts, heldBack,
                human, problems);
    }

    @Override
    public void planReady(io.authcert.plan.Plan plan) {
        playbook = plan.playbook();
        followups.addAll(plan.followups());
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
        guarded.heldBack().forEach(h -> heldBack.add(h.line()));
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
        failedHosts.addAll(run.failedHosts());
        if (!run.succeeded()) {
            problems.add("the run " + name(run.status()) + (run.reason().isBlank() ? "" : ": " + run.reason()));
        }
    }

    @Override
    public void verdict(VerifyCheck.Verdict verdict) {
        verdict.remaining().forEach(l -> problems.add("not converged: " + l));
        verdict.held().forEach(l -> problems.add("needs a person: " + l));
        needsHuman.addAll(verdict.held());
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
