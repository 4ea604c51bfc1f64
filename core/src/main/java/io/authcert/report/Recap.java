package io.authcert.report;

import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import io.authcert.run.StepOutcome;
import io.authcert.run.StepResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's PLAY RECAP, one line per host ({@code ok}, {@code changed}, {@code unreachable},
 * {@code failed}, {@code skipped}; {@code ok} counts changed steps too, as in Ansible), then the
 * manual follow-ups in plain words. Organisation-wide steps count on the host that ran them.
 * Builds text; the CLI prints it.
 */
public final class Recap implements RunListener {

    private final Map<String, EnumMap<StepOutcome, Integer>> counts = new LinkedHashMap<>();
    private final List<String> followups = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            started.hosts().forEach(this::host);
            followups.addAll(started.followups());
        } else if (event instanceof RunEvent.StepFinished finished) {
            StepResult r = finished.result();
            host(r.host()).merge(r.outcome(), 1, Integer::sum);
            if (r.action() == io.authcert.plan.Action.MANUAL_FOLLOWUP && !followups.contains(r.message())) {
                String text = r.message().replaceFirst("^manual follow-up: ", "");
                if (!followups.contains(text)) {
                    followups.add(text);
                }
            }
        } else if (event instanceof RunEvent.HostFailed failed) {
            failures.add(failed.host() + ": " + failed.reason());
        }
    }

    private EnumMap<StepOutcome, Integer> host(String host) {
        return counts.computeIfAbsent(host, h -> new EnumMap<>(StepOutcome.class));
    }

    public int count(String host, StepOutcome outcome) {
        return counts.getOrDefault(host, new EnumMap<>(StepOutcome.class)).getOrDefault(outcome, 0);
    }

    /** {@code ok} as Ansible counts it: every step that ran without failing. */
    public int ok(String host) {
        return count(host, StepOutcome.OK) + count(host, StepOutcome.CHANGED);
    }

    /** The recap as lines of text, without colour. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("PLAY RECAP " + "*".repeat(60));
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(4);
        boolean anyLost = counts.values().stream().anyMatch(c -> c.getOrDefault(StepOutcome.LOST, 0) > 0);
        for (String host : counts.keySet()) {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%-" + width + "s : ", host));
            line.append(cell("ok", ok(host)))
                    .append(cell("changed", count(host, StepOutcome.CHANGED)))
                    .append(cell("unreachable", count(host, StepOutcome.UNREACHABLE)))
                    .append(cell("failed", count(host, StepOutcome.FAILED)))
                    .append(cell("skipped", count(host, StepOutcome.SKIPPED)));
            if (anyLost) {
                line.append(cell("lost", count(host, StepOutcome.LOST)));
            }
            out.add(line.toString().stripTrailing());
        }
        if (!failures.isEmpty()) {
            out.add("");
            out.add("FAILED:");
            failures.forEach(f -> out.add("  " + f));
        }
        if (!followups.isEmpty()) {
            out.add("");
            out.add("MANUAL FOLLOW-UPS (authcert cannot do these for you):");
            followups.forEach(f -> out.add("  - " + f));
        }
        return out;
    }

    private static String cell(String name, int n) {
        // Ansible's widths: "ok=4    changed=3    unreachable=0    failed=0    skipped=4"
        return String.format(java.util.Locale.ROOT, "%s=%-4d ", name, n);
    }
}
