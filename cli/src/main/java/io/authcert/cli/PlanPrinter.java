package io.authcert.cli;

import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import java.util.Map;
import java.util.TreeMap;

/** Shows a plan before it is applied: Terraform-like, one line per step with its symbol, grouped by phase. */
final class PlanPrinter {

    private final Terminal terminal;

    PlanPrinter(Terminal terminal) {
        this.terminal = terminal;
    }

    void print(Plan plan) {
        var out = terminal.out();
        for (String w : plan.warnings()) {
            out.println(terminal.yellow("warning: ") + w);
        }
        if (!plan.skippedHosts().isEmpty()) {
            out.println(terminal.yellow("skipped hosts: ") + String.join(", ", plan.skippedHosts()));
        }
        if (plan.isEmpty()) {
            out.println(terminal.green("No changes.") + " The Auth certificate is as desired on " + String.join(", ", plan.hosts()) + ".");
        }
        for (Phase phase : plan.phases()) {
            if (phase.steps().isEmpty()) {
                continue;
            }
            out.println(terminal.bold("phase " + phase.number() + ": " + phase.name())
                    + (phase.rolling() ? " (serial " + String.join(", ", phase.serial()) + ")" : ""));
            for (Step s : phase.steps()) {
                out.println("  " + s.action().symbol() + " " + s.action().jsonName() + " on " + s.host()
                        + (s.orgWide() ? " (organisation-wide)" : "") + (s.reason().isBlank() ? "" : ": " + s.reason()));
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        plan.steps().forEach(s -> counts.merge(s.action().jsonName(), 1, Integer::sum));
        if (!plan.isEmpty()) {
            StringBuilder summary = new StringBuilder("Plan: " + plan.steps().size() + " steps in "
                    + plan.phases().stream().filter(p -> !p.steps().isEmpty()).count() + " phases (");
            counts.forEach((k, v) -> summary.append(summary.charAt(summary.length() - 1) == '(' ? "" : ", ").append(v).append(' ').append(k));
            out.println(summary.append(").").toString());
        }
        for (String f : plan.followups()) {
            out.println(terminal.yellow("manual follow-up: ") + f);
        }
        out.flush();
    }
}
