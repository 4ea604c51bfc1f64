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

/** Checks a play's handlers against its notifications: every notify finds a handler, and names are unique. */
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
    }
}
