package io.authcert.rehearse;

import java.util.List;
import java.util.Map;

/** The rehearsal's report as a Markdown section, appended to a Markdown plan for a pull request. */
public final class RehearsalMarkdown {

    public String render(RehearsalReport r) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Rehearsal on a twin: ").append(r.converged() ? "✅ converged" : "❌ NOT converged").append("\n\n");
        md.append("> ").append(RehearsalText.TWIN_ONLY).append("\n\n");
        String verdict = RehearsalText.verdict(r);
        md.append(Character.toUpperCase(verdict.charAt(0))).append(verdict.substring(1)).append(".\n");
        r.problems().forEach(p -> md.append("- ").append(cell(p)).append('\n'));
        md.append("\n| phase | simulated duration | hosts |\n|---|---|---|\n");
        for (RehearsalReport.PhaseTime p : r.phases()) {
            md.append("| ").append(p.run().isEmpty() ? "" : cell(p.run()) + ": ").append(p.number()).append(". ")
                    .append(cell(p.name())).append(" | ")
                    .append(RehearsalText.duration(p.duration())).append(" | ").append(cell(String.join(", ", p.hosts())))
                    .append(" |\n");
        }
        md.append("\n**OWA sign-in over time** (simulated, from ").append(r.started()).append(")\n\n");
        md.append("| from | cannot sign in | during |\n|---|---|---|\n");
        for (RehearsalReport.SignInSample s : r.signIn()) {
            md.append("| ").append(s.at()).append(" | ").append(s.down().isEmpty() ? "none" : cell(String.join(", ", s.down())))
                    .append(" | ").append(cell(s.during())).append(" |\n");
        }
        for (RehearsalReport.PhaseTime c : r.rolling()) {
            md.append("\n").append(c.run().isEmpty() ? "" : cell(c.run()) + ", ").append("phase ").append(c.number())
                    .append(" (").append(cell(c.name())).append("): at most ")
                    .append(c.mostDownAtOnce()).append(" server(s) down at once; serial batch ").append(c.largestBatch())
                    .append(".\n");
        }
        md.append("\n<details><summary>Commands per server (the twin's audit log)</summary>\n\n");
        for (Map.Entry<String, List<String>> e : r.commands().entrySet()) {
            md.append("- **").append(cell(e.getKey())).append("**: ").append(e.getValue().size()).append(" command(s)\n");
            e.getValue().forEach(line -> md.append("  - `").append(line.replace("`", "'")).append("`\n"));
        }
        md.append("\n</details>\n");
        if (!r.leftToDo().isEmpty()) {
            md.append("\n**Planning again on the twin after the apply**\n\n");
            r.leftToDo().forEach(l -> md.append("- ").append(cell(l)).append('\n'));
        }
        if (!r.assumptions().isEmpty()) {
            md.append("\n<details><summary>What the twin assumed</summary>\n\n");
            r.assumptions().forEach(a -> md.append("- ").append(cell(a)).append('\n'));
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    /** Text in a table cell or list item: no pipe, no line break, no HTML, so a value cannot forge the report's layout. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n").replace("<", "&lt;").replace(">", "&gt;");
    }
}
