package io.authcert.playbook;

import io.authcert.diag.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * One play: which hosts, with which variables, in which batches, under which failure policy, doing
 * which tasks. Handlers are tasks that run only when notified.
 *
 * @param hosts             the host pattern, Ansible syntax ({@code all}, {@code exchange:!edge}, ...)
 * @param maxFailPercentage null when not set
 * @param timeout           Ansible's {@code timeout} keyword: how long each command sent to a server may run
 *                          before the engine gives up on it (null: the engine's own limits, 5 or 10 minutes)
 */
public record Play(
        String name,
        String hosts,
        Map<String, Object> vars,
        List<String> varsFiles,
        Serial serial,
        Integer maxFailPercentage,
        boolean anyErrorsFatal,
        List<Task> tasks,
        List<Task> handlers,
        java.time.Duration timeout,
        SourceLocation location) {

    public Play {
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        varsFiles = varsFiles == null ? List.of() : List.copyOf(varsFiles);
        serial = serial == null ? Serial.ALL : serial;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        handlers = handlers == null ? List.of() : List.copyOf(handlers);
    }

    /**
     * The handlers a task notifies, by handler name or {@code listen} topic, in the order the handlers
     * are written (the order Ansible runs them in, whatever the order of {@code notify}).
     */
    public List<Task> handlersNotifiedBy(Task task) {
        return handlers.stream()
                .filter(h -> task.notifies().contains(h.name()) || h.listen().stream().anyMatch(task.notifies()::contains))
                .toList();
    }
}
