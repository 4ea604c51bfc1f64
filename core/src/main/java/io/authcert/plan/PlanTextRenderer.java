package io.authcert.plan;

import java.util.List;

/**
 * The plan for a person at a terminal, like Terraform's: one line per step with its symbol
 * ({@code +} create, {@code ~} change, {@code -} remove, {@code ⟳} restart, {@code …} wait, {@code !}
 * manual), the reason under it (and a wait's nudge, the restarts it may make), grouped by phase under the
 * phase's risk ({@link PhaseImpact}, as {@code #} lines: what it touches, at once or not, sign-in outages), then
 * what is held back for a person and the organisation's servers outside the plan, and the summary
 * line last.
 */
public final class PlanTextRenderer {

    public String render(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan for ").append(PlanText.escape(plan.playbook())).append(" as of ").append(plan.plannedAt()).append('\n');
        sb.append("Hosts: ").append(plan.hosts().isEmpty() ? "(none)" : PlanText.escape(String.join(", ", plan.hosts()))).append('\n');
        sb.append("Facts: ").append(plan.factsFingerprint()).append('\n');
        if (plan.isEmpty()) {
            sb.append('\n').append(plan.needsHuman()
                    ? "No changes to this plan's servers, but the organisation is not known to be healthy (held back below)."
                    : "No changes. The Auth certificate is in the desired state on every server.").append('\n');
        }
        PhaseImpact impact = new PhaseImpact(plan);
        for (Phase phase : plan.phases()) {
            sb.append('\n').append("Phase ").append(phase.number()).append(": ").append(phase.name());
            if (phase.rolling()) {
                sb.append(" (rolling, serial ").append(String.join(", ", phase.serial())).append(')');
            }
            sb.append('\n');
            impact.lines(phase).forEach(l -> sb.append("  # ").append(PlanText.escape(l)).append('\n'));
            for (Step s : phase.steps()) {
                sb.append("  ").append(s.action().symbol()).append(' ').append(s.action().jsonName()).append(' ')
                        .append(PlanText.escape(s.resource())).append(" on ").append(PlanText.escape(s.host())).append(s.orgWide() ? " (organisation-wide)" : "")
                        .append('\n');
                sb.append("      ").append(PlanText.escape(s.reason())).append('\n');
                s.nudgeIfAny().ifPresent(n -> sb.append("      ").append(Action.RESTART_SERVICE.symbol()).append(' ')
                        .append(PlanText.escape(n.describe())).append('\n'));
            }
        }
        list(sb, "Warnings", "!", plan.warnings());
        list(sb, "Manual follow-ups", "!", plan.followups());
        if (!plan.skippedHosts().isEmpty()) {
            sb.append('\n').append("Skipped: ").append(PlanText.escape(String.join(", ", plan.skippedHosts()))).append('\n');
        }
        held(sb, plan);
        outside(sb, plan);
        if (!plan.isEmpty()) {
            sb.append('\n').append(PlanSummary.of(plan).line()).append('\n');
        }
        if (plan.needsHuman()) {
            sb.append(plan.isEmpty() ? "\n" : "").append(OutsideServers.needsHumanLine(plan)).append('\n');
        }
        return sb.toString();
    }

    private static void held(StringBuilder sb, Plan plan) {
        if (plan.held().isEmpty()) {
            return;
        }
        sb.append('\n').append("Held back (needs a person):\n");
        for (Hold h : plan.held()) {
            sb.append("  ! ").append(h.actions().isEmpty() ? "verdict for organisation " + Coverage.shortName(h.organisation())
                    : PlanText.escape(h.what() + " on " + h.host()) + " (organisation-wide)").append('\n');
            sb.append("      ").append(PlanText.escape(h.reason())).append('\n');
        }
    }

    private static void outside(StringBuilder sb, Plan plan) {
        if (plan.outsideServers().isEmpty()) {
            return;
        }
        sb.append('\n').append("Servers of the organisation outside this plan:\n");
        for (OutsideServer s : plan.outsideServers()) {
            sb.append(s.ignored() ? "  - " : "  ! ").append(PlanText.escape(s.describe())).append(": ").append(PlanText.escape(OutsideServers.state(s))).append('\n');
        }
        OutsideServers.hint(plan).ifPresent(h -> sb.append("  hint: ").append(PlanText.escape(h)).append('\n'));
    }

    private static void list(StringBuilder sb, String title, String symbol, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append('\n').append(title).append(":\n");
        items.forEach(i -> sb.append("  ").append(symbol).append(' ').append(PlanText.escape(i)).append('\n'));
    }
}
