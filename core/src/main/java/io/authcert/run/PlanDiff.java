package io.authcert.run;

import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names how a saved plan differs from the plan the facts give now, for refusing a stale plan with
 * reasons: steps that are no longer needed, steps that are now needed, and a changed fingerprint.
 */
public final class PlanDiff {

    private PlanDiff() {
    }

    /** One line per difference; empty when the saved plan still matches the facts. */
    public static List<String> between(Plan saved, Plan now) {
        List<String> out = new ArrayList<>();
        Set<String> before = keys(saved);
        Set<String> after = keys(now);
        for (String k : before) {
            if (!after.contains(k)) {
                out.add("no longer needed: " + k);
            }
        }
        for (String k : after) {
            if (!before.contains(k)) {
                out.add("now needed: " + k);
            }
        }
        if (!saved.hosts().equals(now.hosts())) {
            out.add("hosts were " + saved.hosts() + ", now " + now.hosts());
        }
        if (!java.util.Objects.equals(saved.factsFingerprint(), now.factsFingerprint())) {
            out.add(0, "the facts changed since the plan was made (fingerprint " + saved.factsFingerprint() + ", now "
                    + now.factsFingerprint() + ")");
        }
        return out;
    }

    private static Set<String> keys(Plan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : plan.steps()) {
            out.add(s.action().jsonName() + " on " + s.host() + " (" + s.resource() + (s.details().isEmpty() ? "" : " " + s.details()) + ")");
        }
        return out;
    }
}
