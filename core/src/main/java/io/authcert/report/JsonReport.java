package io.authcert.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.plan.ChangeClass;
import io.authcert.plan.GuardRails;
import io.authcert.plan.GuardedPlan;
import io.authcert.run.RunEvent;
import io.authcert.run.RunJson;
import io.authcert.run.RunListener;
import io.authcert.run.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --report-json} file: the run's outcome and every step with its host, action, outcome,
 * timing and message, for tools and dashboards. Collects events; {@link #write} saves it.
 */
public final class JsonReport implements RunListener {

    public static final int FORMAT_VERSION = 1;

    private RunEvent.RunStarted started;
    private RunEvent.RunFinished finished;
    private final List<StepResult> steps = new ArrayList<>();
    private final List<RunEvent.HostFailed> failures = new ArrayList<>();
    private final List<RunEvent.Replanned> replans = new ArrayList<>();
    private ApplyOutcome outcome;
    private GuardRails rails = GuardRails.NONE;
    private GuardedPlan guarded;

    /** The guard rails the apply ran within ({@code --allow}, {@code --max-hosts-changed}). */
    public void rails(GuardRails given) {
        rails = given;
    }

    /** What the guard rails held back of the plan, and the hosts it would change. */
    public void guard(GuardedPlan split) {
        guarded = split;
    }

    private List<String> notified;
    private List<String> notificationFailures = List.of();

    /** Whom the apply told ({@code --notify}, without secrets), and each notifier that failed; null when nobody was told. */
    public void notifications(List<String> told, List<String> failures) {
        notified = List.copyOf(told);
        notificationFailures = List.copyOf(failures);
    }

    /** Every step that ended, in order. */
    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    /** How the whole apply ended; without it the report tells the run alone. */
    public void outcome(ApplyOutcome ended) {
        outcome = ended;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            started = s;
        } else if (event instanceof RunEvent.RunFinished f) {
            finished = f;
        } else if (event instanceof RunEvent.StepFinished f) {
            steps.add(f.result());
        } else if (event instanceof RunEvent.HostFailed f) {
            failures.add(f);
        } else if (event instanceof RunEvent.Replanned r) {
            replans.add(r);
        }
    }

    public ObjectNode toJson() {
        ObjectNode root = RunJson.mapper().createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        if (started != null) {
            root.put("playbook", started.playbook());
            root.put("started_at", started.at().toString());
            root.set("hosts", RunJson.mapper().valueToTree(started.hosts()));
            root.set("followups", RunJson.mapper().valueToTree(started.followups()));
        }
        if (finished != null) {
            root.put("finished_at", finished.at().toString());
            root.put("status", finished.status().name().toLowerCase(java.util.Locale.ROOT));
            root.put("run_status", finished.status().name().toLowerCase(java.util.Locale.ROOT));
            root.put("reason", finished.reason());
            root.put("duration_ms", finished.duration().toMillis());
            root.set("failed_hosts", RunJson.mapper().valueToTree(finished.failedHosts()));
        }
        if (outcome != null) {
            // The apply's ending, not only the run's: a run whose verification fails did not succeed.
            root.put("status", outcome.status());
            if (finished == null) {
                root.putNull("run_status");
            }
            root.put("verification", outcome.verification());
            root.put("exit_code", outcome.exitCode());
            root.set("problems", RunJson.mapper().valueToTree(outcome.problems()));
        }
        ObjectNode guard = root.putObject("guard_rails");
        ArrayNode allowed = guard.putArray("allowed");
        java.util.Arrays.stream(ChangeClass.values()).filter(rails.allowed()::contains).forEach(c -> allowed.add(c.jsonName()));
        if (rails.maxHostsChanged() == null) {
            guard.putNull("max_hosts_changed");
        } else {
            guard.put("max_hosts_changed", rails.maxHostsChanged());
        }
        if (guarded != null) {
            guard.set("hosts_changed", RunJson.mapper().valueToTree(guarded.hostsChanged()));
        }
        ArrayNode held = root.putArray("held_back");
        if (guarded != null) {
            guarded.heldBack().forEach(h -> held.addObject().put("step", h.step().id()).put("host", h.step().host())
                    .put("action", h.step().action().jsonName()).put("class", h.changeClass().jsonName()).put("reason", h.reason()));
        }
        if (notified != null) {
            ObjectNode told = root.putObject("notifications");
            told.set("sent_to", RunJson.mapper().valueToTree(notified));
            told.set("failures", RunJson.mapper().valueToTree(notificationFailures));
        }
        ArrayNode failed = root.putArray("host_failures");
        failures.forEach(f -> failed.addObject().put("host", f.host()).put("step", f.stepId()).put("reason", f.reason()));
        ArrayNode replanned = root.putArray("replans");
        replans.forEach(r -> replanned.add(RunJson.event(r)));
        root.set("steps", RunJson.mapper().valueToTree(steps));
        return root;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        RunJson.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }
}
