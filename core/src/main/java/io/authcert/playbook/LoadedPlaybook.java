package io.authcert.playbook;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * A validated playbook with what the model itself does not carry: where each play's {@code hosts}
 * pattern and each task's arguments are written (so later checks, such as a pattern that selects no
 * host or a {@code primary} that is not in the play, can point there) and the warnings found.
 *
 * @param hostsLocations     one per play, in play order
 * @param argumentLocations  per task (and handler): where each argument written in the playbook is
 */
public record LoadedPlaybook(
        Playbook playbook,
        List<SourceLocation> hostsLocations,
        Map<Task, Map<String, SourceLocation>> argumentLocations,
        List<Diagnostic> warnings) {

    public LoadedPlaybook {
        hostsLocations = List.copyOf(hostsLocations);
        argumentLocations = Map.copyOf(argumentLocations);
        warnings = List.copyOf(warnings);
        if (hostsLocations.size() != playbook.plays().size()) {
            throw new IllegalArgumentException("one hosts location per play");
        }
    }

    /** Where the {@code hosts} pattern of play {@code index} (0-based) is written. */
    public SourceLocation hostsLocation(int index) {
        return hostsLocations.get(index);
    }

    /** Where a task's argument is written; the task itself when the argument took its default. */
    public SourceLocation argumentLocation(Task task, String argument) {
        return argumentLocations.getOrDefault(task, Map.of()).getOrDefault(argument, task.location());
    }
}
