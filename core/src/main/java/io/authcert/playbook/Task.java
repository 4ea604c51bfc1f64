package io.authcert.playbook;

import io.authcert.diag.SourceLocation;
import io.authcert.playbook.modules.ModuleSpec;
import java.util.List;

/**
 * One task (or handler): a module with its validated, typed arguments.
 *
 * @param spec   the module's arguments, checked against the module registry, defaults filled in
 * @param notifies handler names or topics from {@code notify}
 * @param when   the raw {@code when} condition, or null
 * @param listen handler topic names (handlers only)
 */
public record Task(
        String name,
        ModuleSpec spec,
        List<String> notifies,
        String when,
        List<String> tags,
        List<String> listen,
        SourceLocation location) {

    public Task {
        notifies = notifies == null ? List.of() : List.copyOf(notifies);
        tags = tags == null ? List.of() : List.copyOf(tags);
        listen = listen == null ? List.of() : List.copyOf(listen);
    }

    public String module() {
        return spec.moduleName();
    }
}
