package io.authcert.notify;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an apply tells people when it ends: how it ended, what it changed, what failed and what needs
 * a person (steps held back by the guard rails, servers outside the plan, hybrid follow-ups). Built
 * from what the reports hold, so it never carries a script or a secret.
 *
 * @param status      the apply's ending, as {@code --report-json}'s {@code status} ({@code applied}, {@code failed}, ...)
 * @param exitCode    the process's exit code
 * @param inventories the inventories, as given
 * @param playbook    the playbook (or the saved plan's playbook); null when none was read
 * @param finishedAt  when the apply ended
 * @param changed     one line per changed step: {@code "ex01: publish_certificate (p3.ex01.publish_certificate.new)"}
 * @param failedHosts hosts that failed or were unreachable
 * @param heldBack    one line per step the guard rails held back
 * @param needsHuman  what else needs a person: the plan's holds (servers outside it) and its manual follow-ups
 * @param problems    why it ended so, one plain line each (as the report's {@code problems})
 */
public record Notification(String status, int exitCode, List<String> inventories, String playbook, Instant finishedAt,
        List<String> changed, List<String> failedHosts, List<String> heldBack, List<String> needsHuman, List<String> problems) {

    public static final int FORMAT_VERSION = 1;

    public Notification {
        inventories = List.copyOf(inventories);
        changed = List.copyOf(changed);
        failedHosts = List.copyOf(failedHosts);
        heldBack = List.copyOf(heldBack);
        needsHuman = List.copyOf(needsHuman);
        problems = List.copyOf(problems);
    }

    /**
     * Why people are told, the most pressing outcome: {@code failed}, {@code needs_human} (held back by the plan
     * or the guard rails), {@code changed}, or {@code unchanged} (sent only with {@code --notify-on always}).
     */
    public String event() {
        Set<NotifyOn.Outcome> outcomes = outcomes();
        if (outcomes.contains(NotifyOn.Outcome.FAILED)) {
            return "failed";
        }
        if (outcomes.contains(NotifyOn.Outcome.NEEDS_HUMAN) || outcomes.contains(NotifyOn.Outcome.HELD_BACK)) {
            return "needs_human";
        }
        return outcomes.contains(NotifyOn.Outcome.CHANGED) ? "changed" : "unchanged";
    }

    /** Every outcome this apply had ({@link NotifyOn.Outcome#ALWAYS} never: it is a choice, not an outcome). */
    public Set<NotifyOn.Outcome> outcomes() {
        Set<NotifyOn.Outcome> outcomes = EnumSet.noneOf(NotifyOn.Outcome.class);
        if (exitCode == 1 || !failedHosts.isEmpty()) {
            outcomes.add(NotifyOn.Outcome.FAILED);
        }
        if (!needsHuman.isEmpty() || exitCode == 3) {
            outcomes.add(NotifyOn.Outcome.NEEDS_HUMAN);
        }
        if (!heldBack.isEmpty() || exitCode == 4) {
            outcomes.add(NotifyOn.Outcome.HELD_BACK);
        }
        if (!changed.isEmpty()) {
            outcomes.add(NotifyOn.Outcome.CHANGED);
        }
        return outcomes;
    }

    /** True when the default {@code --notify-on} tells it: something changed, failed, or needs a person. */
    public boolean worthTelling() {
        return NotifyOn.DEFAULT.sends(this);
    }

    /** One line for a subject or a chat title: "authcert: failed (exit 1) on inventory/production". */
    public String title() {
        String what = switch (String.valueOf(event())) {
            case "failed" -> "FAILED";
            case "needs_human" -> "needs a person";
            case "changed" -> "changed " + changed.size() + " step" + (changed.size() == 1 ? "" : "s");
            default -> "nothing to do";
        };
        return "authcert: " + what + " (" + status + ", exit " + exitCode + ") on " + String.join(", ", inventories);
    }

    /** The plain text body of the mail and the chats, section by section; empty sections left out. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Exchange Auth certificate apply ").append(status).append(" (exit ").append(exitCode).append(") at ")
                .append(finishedAt).append('\n');
        out.append("Inventory: ").append(String.join(", ", inventories)).append('\n');
        if (playbook != null) {
            out.append("Playbook: ").append(playbook).append('\n');
        }
        section(out, "Failed hosts", failedHosts);
        section(out, "Held back by the guard rails (a person decides)", heldBack);
        section(out, "Needs a person", needsHuman);
        section(out, "Changed", changed);
        section(out, "Problems", problems);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(":\n");
        lines.forEach(l -> out.append("- ").append(l).append('\n'));
    }
}
