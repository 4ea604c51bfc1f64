package io.authcert.run;

import io.authcert.plan.Action;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the plan made from the facts gathered after an apply: it must be empty, or hold only what a
 * staged rotation leaves for later (waits for the next certificate to reach servers, manual
 * follow-ups), which is named as such. Anything else means the apply did not converge. A plan that
 * holds something back for a person (servers of the organisation outside it) is never converged,
 * however empty: it needs a person.
 */
public final class VerifyCheck {

    /**
     * @param converged true when nothing is left that the apply should have done
     * @param later     what a staged rotation leaves for a later run, one line each
     * @param remaining steps that should have been done and were not, one line each
     * @param held      what the plan holds back for a person, one line each
     */
    public record Verdict(boolean converged, List<String> later, List<String> remaining, List<String> held) {
        public Verdict {
            later = List.copyOf(later);
            remaining = List.copyOf(remaining);
            held = List.copyOf(held);
        }

        /** Everything the plan can do is done, but what it holds back needs a person. */
        public boolean needsHuman() {
            return remaining.isEmpty() && !held.isEmpty();
        }
    }

    private VerifyCheck() {
    }

    public static Verdict check(Plan after) {
        List<Step> work = after.steps().stream().filter(s -> s.action() != Action.MANUAL_FOLLOWUP).toList();
        List<String> later = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        // Only waits left: a staged certificate still travelling to some servers, or AD replication
        // still on its way. Nothing for this apply to do; a later run finishes it.
        boolean onlyWaits = work.stream().allMatch(s -> Executor.isWait(s.action()));
        for (Step step : work) {
            String line = step.action().jsonName() + " on " + step.host() + (step.reason().isBlank() ? "" : ": " + step.reason());
            if (onlyWaits) {
                later.add("left for later (staged rotation or replication in progress): " + line);
            } else {
                remaining.add(line);
            }
        }
        List<String> held = after.held().stream()
                .map(h -> (h.actions().isEmpty() ? "the verdict" : h.what() + " on " + h.host()) + ": " + h.reason())
                .toList();
        return new Verdict(remaining.isEmpty() && held.isEmpty(), later, remaining, held);
    }
}
