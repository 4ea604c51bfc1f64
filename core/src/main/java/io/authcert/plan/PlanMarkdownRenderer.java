package io.authcert.plan;

import java.util.List;

/**
 * The plan as a pull-request comment: the summary first, per phase its risk ({@link PhaseImpact}: what it
 * touches, at once or not, sign-in outages) and a table of its steps (a wait's nudge under its reason), then warnings, manual follow-ups and what is held back (as task lists, since a
 * person must tick them off), the organisation's servers outside the plan, and last, folded, every
 * script that will run, so a reviewer approves the PowerShell itself and not only its summary.
 */
public final class PlanMarkdownRenderer {

    public String render(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("### authcert plan: `").append(plan.playbook()).append("`\n\n");
        sb.append("**").append(plan.isEmpty() ? "No changes." : PlanSummary.of(plan).line())
                .append(plan.needsHuman() ? " " + OutsideServers.needsHumanLine(plan) : "").append("**\n\n");
        sb.append("Planned as of ").append(plan.plannedAt()).append(" for ")
                .append(plan.hosts().isEmpty() ? "no hosts" : "`" + String.join("`, `", plan.hosts()) + "`")
                .append(" · facts `").append(plan.factsFingerprint()).append("`\n");
        PhaseImpact impact = new PhaseImpact(plan);
        for (Phase phase : plan.phases()) {
            sb.append("\n#### Phase ").append(phase.number()).append(": ").append(phase.name());
            if (phase.rolling()) {
                sb.append(" (rolling, serial ").append(String.join(", ", phase.serial())).append(')');
            }
            sb.append("\n\n");
            List<String> risks = impact.lines(phase);
            risks.forEach(l -> sb.append("- ").append(labelled(l)).append('\n'));
            sb.append(risks.isEmpty() ? "" : "\n").append("| | Host | Action | Resource | Reason |\n|---|---|---|---|---|\n");
            for (Step s : phase.steps()) {
                sb.append("| ").append(s.action().symbol()).append(" | ").append(cell(s.host()))
                        .append(s.orgWide() ? " (org)" : "").append(" | `").append(s.action().jsonName()).append("` | `")
                        .append(cell(s.resource())).append("` | ").append(cell(s.reason()))
                        .append(s.nudgeIfAny().map(n -> "<br>" + Action.RESTART_SERVICE.symbol() + " " + cell(n.describe())).orElse(""))
                        .append(" |\n");
            }
        }
        if (!plan.warnings().isEmpty()) {
            sb.append("\n#### Warnings\n\n");
            plan.warnings().forEach(w -> sb.append("- ").append(cell(w)).append('\n'));
        }
        if (!plan.followups().isEmpty()) {
            sb.append("\n#### Manual follow-ups\n\n");
            plan.followups().forEach(f -> sb.append("- [ ] ").append(cell(f)).append('\n'));
        }
        if (!plan.skippedHosts().isEmpty()) {
            sb.append("\nSkipped: `").append(String.join("`, `", plan.skippedHosts())).append("`\n");
        }
        if (!plan.held().isEmpty()) {
            sb.append("\n#### Held back (needs a person)\n\n");
            plan.held().forEach(h -> sb.append("- [ ] ").append(h.actions().isEmpty() ? "verdict for organisation "
                    + cell(Coverage.shortName(h.organisation())) : "`" + h.what() + "` on " + cell(h.host()) + " (org)").append(": ")
                    .append(cell(h.reason())).append('\n'));
        }
        if (!plan.outsideServers().isEmpty()) {
            sb.append("\n#### Servers of the organisation outside this plan\n\n");
            plan.outsideServers().forEach(s -> sb.append("- ").append(s.ignored() ? "" : "**").append(cell(s.describe()))
                    .append(s.ignored() ? "" : "**").append(": ").append(OutsideServers.state(s)).append('\n'));
            OutsideServers.hint(plan).ifPresent(h -> sb.append("\n").append(cell(h)).append('\n'));
        }
        scripts(sb, plan);
        return sb.toString();
    }

    private static void scripts(StringBuilder sb, Plan plan) {
        List<Step> withScripts = plan.steps().stream().filter(s -> !s.script().isEmpty()).toList();
        if (withScripts.isEmpty()) {
            return;
        }
        sb.append("\n<details><summary>The PowerShell each step runs (").append(withScripts.size()).append(")</summary>\n");
        for (Step s : withScripts) {
            String fence = fence(s.script().shown());
            sb.append("\n`").append(cell(s.id()).replace("`", "'")).append("`\n\n").append(fence).append("powershell\n")
                    .append(s.script().shown()).append(s.script().shown().endsWith("\n") ? "" : "\n").append(fence).append('\n');
        }
        sb.append("\n</details>\n");
    }

    /** A code fence longer than any run of backticks in the script, so nothing in it can close the block early. */
    private static String fence(String script) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < script.length(); i++) {
            run = script.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** "outage: OWA ..." as "**outage:** OWA ...". */
    private static String labelled(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? cell(line) : "**" + cell(line.substring(0, colon + 1)) + "** " + cell(line.substring(colon + 2));
    }

    /** Table cells must not break the table, and control characters stay visible: pipes and controls escaped. */
    private static String cell(String s) {
        return s == null ? "" : PlanText.escape(s).replace("|", "\\|");
    }
}
