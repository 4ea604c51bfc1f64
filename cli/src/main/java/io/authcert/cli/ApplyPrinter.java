package io.authcert.cli;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.OwaHealth;
import io.authcert.plan.Plan;
import io.authcert.run.VerifyCheck;
import io.authcert.workflow.ApplyListener;
import io.authcert.workflow.Confirmation;
import io.authcert.workflow.Verifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code engine apply} shows of the workflow's steps (the executor's progress is {@link ProgressPrinter}'s). */
final class ApplyPrinter implements ApplyListener {

    private final Terminal terminal;
    private final List<Path> inventories;
    private final Path stateDir;

    ApplyPrinter(Terminal terminal, List<Path> inventories, Path stateDir) {
        this.terminal = terminal;
        this.inventories = inventories;
        this.stateDir = stateDir;
    }

    @Override
    public void lockHeld(String message, String lockFile) {
        new DiagnosticPrinter(terminal).print(InputException.of(SourceLocation.ofFile(lockFile), message,
                "only one apply may change an inventory's servers at a time").diagnostics());
    }

    @Override
    public void staleLockTakenOver(String holder) {
        terminal.err().println(terminal.yellow("warning: ") + "took over a stale apply lock left by "
                + holder + " (that process is gone); its journal is under " + stateDir.resolve("runs"));
    }

    @Override
    public void gathering(List<String> hosts) {
        terminal.out().println("Gathering facts from " + String.join(", ", hosts) + " ...");
        terminal.out().flush();
    }

    @Override
    public void cannotPlan(List<Diagnostic> reasons) {
        new DiagnosticPrinter(terminal).printCannotPlan(reasons);
    }

    @Override
    public void stale(StalePlan stale) {
        var err = terminal.err();
        err.println(terminal.red("error: ") + "the saved plan " + stale.file() + " is stale: the servers changed since it was made");
        if (stale.planningProblems().isEmpty()) {
            stale.differences().forEach(d -> err.println("  " + d));
        } else {
            err.println("  the facts changed (fingerprint " + stale.savedFingerprint() + ", now " + stale.nowFingerprint()
                    + "), and planning again stops:");
            stale.planningProblems().forEach(d -> err.println("    " + d.message()));
        }
        String dashI = inventories.stream().map(p -> "-i " + p).collect(Collectors.joining(" "));
        err.println("  hint: make a new plan: engine plan " + dashI + " " + stale.playbook() + " --out " + stale.file());
        err.flush();
    }

    @Override
    public void edited(java.nio.file.Path file, List<String> differences) {
        var err = terminal.err();
        err.println(terminal.red("error: ") + "the saved plan " + file + " is not the plan the planner makes from the same facts"
                + " at the same moment: it was edited, or its playbook changed since; nothing was run");
        differences.forEach(d -> err.println("  " + d));
        String dashI = inventories.stream().map(p -> "-i " + p).collect(Collectors.joining(" "));
        err.println("  hint: review the edit, then make the plan again: engine plan " + dashI + " PLAYBOOK --out " + file);
        err.flush();
    }

    @Override
    public void planReady(Plan plan) {
        new PlanPrinter(terminal).print(plan);
    }

    @Override
    public void heldBack(io.authcert.plan.GuardedPlan guarded) {
        var err = terminal.err();
        err.println(terminal.yellow("held back: ") + guarded.heldBack().size() + " of the plan's steps are not run"
                + " (guard rails: --allow); a person decides the rest:");
        guarded.heldBack().forEach(h -> err.println("  " + h.line()));
        err.println("  hint: run the same apply with a wider --allow (or without it) once a person agrees"
                + (guarded.runnable().isEmpty() ? "; nothing else runs now" : "; the rest runs now"));
        err.flush();
    }

    @Override
    public void tooManyHosts(io.authcert.plan.GuardedPlan guarded) {
        var err = terminal.err();
        err.println(terminal.red("refused: ") + "the plan would change " + guarded.hostsChanged().size() + " hosts ("
                + String.join(", ", guarded.hostsChanged()) + "), more than --max-hosts-changed " + guarded.maxHostsChanged()
                + " allows; nothing was changed");
        err.println("  hint: review the plan above, then run it by hand or with a higher --max-hosts-changed");
        err.flush();
    }

    @Override
    public void notConfirmed(Confirmation.Answer answer) {
        if (answer == Confirmation.Answer.CANNOT_ASK) {
            terminal.err().println(terminal.red("error: ") + "not applying without confirmation: there is no terminal to ask");
            terminal.err().println("  hint: review the plan above, then run again with --auto-approve");
            terminal.err().flush();
        } else {
            terminal.out().println("Apply cancelled; nothing was changed.");
            terminal.out().flush();
        }
    }

    @Override
    public void runEnded(io.authcert.run.RunResult run) {
        if (run.succeeded()) {
            return;
        }
        var err = terminal.err();
        err.println(terminal.red("error: ") + "the apply " + (run.status() == io.authcert.run.RunResult.Status.FAILED
                ? "failed" : "was aborted") + (run.reason().isBlank() ? "" : ": " + run.reason())
                + (run.failedHosts().isEmpty() ? "" : " (failed: " + String.join(", ", run.failedHosts()) + ")"));
        if (run.status() == io.authcert.run.RunResult.Status.STOPPED) {
            err.println("  what ran is in the journal below and in the PLAY RECAP; nothing is verified now");
            err.println("  hint: run the same apply again to finish: it plans from what is true now");
        } else {
            err.println("  no organisation-wide step ran after the failure; checking the servers once, without waiting for OWA");
            err.println("  hint: fix the cause above, then run the same apply again: it plans from what is true now");
        }
        err.flush();
    }

    @Override
    public void verifying() {
        terminal.out().println("Verifying: gathering facts again ...");
    }

    @Override
    public void verdict(VerifyCheck.Verdict verdict) {
        var out = terminal.out();
        verdict.later().forEach(l -> out.println("  " + l));
        verdict.remaining().forEach(l -> out.println(terminal.red("  not converged: ") + l));
        verdict.held().forEach(l -> out.println(terminal.yellow("  needs a person: ") + l));
        if (verdict.converged()) {
            out.println(terminal.green("  converged: ") + "a new plan from the facts has nothing left to do"
                    + (verdict.later().isEmpty() ? "" : " now"));
        }
    }

    @Override
    public void cannotVerify(List<Diagnostic> reasons) {
        reasons.forEach(d -> terminal.out().println(terminal.red("  cannot verify: ") + d.message()));
    }

    @Override
    public void health(String title, Map<String, OwaHealth> health) {
        terminal.out().println(title + ":");
        health.forEach((host, h) -> {
            String state = h.status() == OwaHealth.Status.HEALTHY ? terminal.green(h.shortForm())
                    : h.status() == OwaHealth.Status.NOT_CONFIGURED ? terminal.yellow(h.detail() == null ? h.shortForm() : h.detail())
                    : terminal.red(h.shortForm());
            terminal.out().println("  " + host + "  " + state + (h.url() == null ? "" : "  " + h.url()));
        });
        terminal.out().flush();
    }

    @Override
    public void verified(Verifier.Outcome outcome) {
        terminal.out().println(switch (outcome) {
            case VERIFIED -> terminal.green("Verified.");
            case NEEDS_HUMAN -> terminal.yellow("Verified what this plan covers; what it holds back needs a person"
                    + " (servers of the organisation outside the plan).");
            case FAILED -> terminal.red("Verification failed.");
        });
        terminal.out().flush();
    }
}
