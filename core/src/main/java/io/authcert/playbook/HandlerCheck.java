package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a play's handlers against its notifications: every notify finds a handler, names are unique,
 * and the handlers an Auth certificate task notifies do what the runbook does after a change (a
 * warning, with what is left out: a {@code service_restart} handler alone leaves OWA at 500).
 */
final class HandlerCheck {

    private final Diagnostics diagnostics;

    HandlerCheck(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Every notify names a handler or a listen topic; handler names are unique. */
    void check(List<TaskReader.Read> handlers, List<TaskReader.Read> tasks) {
        Set<String> targets = new LinkedHashSet<>();
        Map<String, SourceLocation> names = new LinkedHashMap<>();
        for (TaskReader.Read h : handlers) {
            if (h.explicitName()) {
                SourceLocation first = names.putIfAbsent(h.name(), h.location());
                if (first != null) {
                    diagnostics.error(h.location(), "two handlers are named '" + h.name() + "' (the first at line "
                            + first.line() + ")", "rename one: notify would not know which to run");
                }
                targets.add(h.name());
            }
            targets.addAll(h.listen());
        }
        List<TaskReader.Read> all = new ArrayList<>(tasks);
        all.addAll(handlers);
        for (TaskReader.Read t : all) {
            for (TaskReader.Reference ref : t.notifies()) {
                if (!targets.contains(ref.name())) {
                    String hint = Suggestions.didYouMean(ref.name(), targets);
                    if (hint == null) {
                        hint = targets.isEmpty() ? "this play has no handlers; add one under 'handlers:' with this name or 'listen: "
                                + ref.name() + "'" : "handlers and topics of this play: " + String.join(", ", targets);
                    }
                    diagnostics.error(ref.location(), "notify: no handler is named or listens to '" + ref.name() + "'", hint);
                }
            }
        }
        tasks.stream().filter(t -> t.task() != null && t.task().spec() instanceof io.authcert.playbook.modules.AuthCertificateSpec)
                .forEach(t -> runbookRestarts(t, handlers));
    }

    /** Handlers notified by an Auth certificate task replace the runbook's restarts: warn about what they leave out. */
    private void runbookRestarts(TaskReader.Read task, List<TaskReader.Read> handlers) {
        List<String> services = new ArrayList<>();
        List<String> pools = new ArrayList<>();
        Set<String> notified = new LinkedHashSet<>();
        task.notifies().forEach(r -> notified.add(r.name()));
        for (TaskReader.Read h : handlers) {
            boolean hit = notified.contains(h.name()) || h.listen().stream().anyMatch(notified::contains);
            if (!hit || h.task() == null || !h.enabled()) {
                continue;
            }
            if (h.task().spec() instanceof io.authcert.playbook.modules.ServiceRestartSpec s) {
                services.add(s.name());
            } else if (h.task().spec() instanceof io.authcert.playbook.modules.AppPoolRecycleSpec p) {
                pools.add(p.name());
            }
        }
        if (services.isEmpty() && pools.isEmpty()) {
            return; // no restart handler notified: the planner does the runbook's restarts itself
        }
        for (String line : RunbookRestarts.missing(services, pools)) {
            diagnostics.warning(task.location(), "the handlers this task notifies replace the runbook's restarts, and " + line,
                    "add the handler under 'handlers:' with 'listen:' the topic this task notifies (see"
                            + " playbooks/auth-certificate.yml), or notify none and the engine does the runbook's restarts");
        }
    }
}
