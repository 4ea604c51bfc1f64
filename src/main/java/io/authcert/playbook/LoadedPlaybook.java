package io.authcert.playbook;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.SourceLocation;
import java.util.List;

/**
 * A validated playbook with what the model itself does not carry: where each play's {@code hosts}
 * pattern is written (so a pattern that selects nothing can be reported there) and the warnings found.
 *
 * @param hostsLocations one per play, in play order
 */
public record LoadedPlaybook(Playbook playbook, List<SourceLocation> hostsLocations, List<Diagnostic> warnings) {

    public LoadedPlaybook {
        hostsLocations = List.copyOf(hostsLocations);
        warnings = List.copyOf(warnings);
        if (hostsLocations.size() != playbook.plays().size()) {
            throw new IllegalArgumentException("one hosts location per play");
        }
    }

    /** Where the {@code hosts} pattern of play {@code index} (0-based) is written. */
    public SourceLocation hostsLocation(int index) {
        return hostsLocations.get(index);
    }
}
