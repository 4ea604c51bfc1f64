package io.authcert.rehearse;

import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A plan written in the twin's thumbprints (or back): the same phases, steps, hosts, order and
 * timeouts, with every thumbprint in a script or a detail replaced through the {@link ThumbprintMap}.
 * Nothing else changes, so a plan that is wrong stays exactly as wrong on the twin.
 */
final class TwinPlan {

    private TwinPlan() {
    }

    static Plan intoTwin(Plan plan, ThumbprintMap map) {
        return rewrite(plan, map::intoTwin);
    }

    static Plan intoReal(Plan plan, ThumbprintMap map) {
        return rewrite(plan, map::intoReal);
    }

    private static Plan rewrite(Plan plan, UnaryOperator<String> edit) {
        List<Phase> phases = plan.phases().stream()
                .map(p -> new Phase(p.number(), p.name(), p.serial(), p.steps().stream().map(s -> step(s, edit)).toList()))
                .toList();
        return new Plan(plan.formatVersion(), plan.playbook(), plan.plannedAt(), plan.factsFingerprint(), plan.hosts(),
                plan.failurePolicy(), phases, plan.warnings().stream().map(edit).toList(),
                plan.followups().stream().map(edit).toList(), plan.skippedHosts(), plan.outsideServers(), plan.held());
    }

    private static Step step(Step s, UnaryOperator<String> edit) {
        Map<String, String> details = new LinkedHashMap<>();
        s.details().forEach((k, v) -> details.put(k, edit.apply(v)));
        return new Step(s.id(), s.host(), s.orgWide(), s.resource(), s.action(), edit.apply(s.reason()), s.script().map(edit),
                s.retryable(), s.timeout(), details, s.nudge());
    }
}
