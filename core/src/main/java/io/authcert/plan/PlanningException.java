package io.authcert.plan;

import io.authcert.diag.Diagnostic;
import java.util.List;

/**
 * The planner refuses to plan: something about the organisation makes any change unsafe (an
 * unreachable server, clock skew, a hybrid organisation not acknowledged). Carries every reason,
 * each with what to do; nothing was changed anywhere.
 */
public final class PlanningException extends RuntimeException {

    private final transient List<Diagnostic> reasons;

    public PlanningException(List<Diagnostic> reasons) {
        super(summary(reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<Diagnostic> reasons() {
        return reasons;
    }

    private static String summary(List<Diagnostic> reasons) {
        if (reasons.isEmpty()) {
            return "cannot plan";
        }
        return "cannot plan: " + reasons.get(0).message()
                + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "");
    }
}
