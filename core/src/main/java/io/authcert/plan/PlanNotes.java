package io.authcert.plan;

import io.authcert.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** What the decisions say besides steps: reasons to stop, warnings, manual follow-ups, what is held for a person. */
final class PlanNotes {

    final List<Diagnostic> stops = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> followups = new ArrayList<>();
    final List<Hold> held = new ArrayList<>();

    void stop(Diagnostic reason) {
        stops.add(reason);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void followup(String followup) {
        followups.add(followup);
    }

    void hold(Hold hold) {
        held.add(hold);
    }
}
