package io.authcert.plan;

import io.authcert.powershell.PsScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the steps the decisions ask for, by phase, dropping a second request for the same thing
 * on the same host (two decisions may both want OWA recycled there), and turns them into numbered phases.
 */
final class StepCollector {

    /** A step before its phase number (and so its id) is known. */
    record Draft(String host, boolean orgWide, String resource, Action action, String qualifier, String reason,
            StepScript script, boolean retryable, Duration timeout, Map<String, String> details, Nudge nudge) {
    }

    private final Map<PhaseKind, Map<String, Draft>> drafts = new EnumMap<>(PhaseKind.class);

    void add(PhaseKind phase, String host, boolean orgWide, String resource, Action action, String qualifier, String reason,
            PsScript script, boolean retryable, Duration timeout, Map<String, String> details) {
        add(phase, host, orgWide, resource, action, qualifier, reason, script, retryable, timeout, details, null);
    }

    /** A step that may nudge (a wait): {@code nudge} null for none. */
    void add(PhaseKind phase, String host, boolean orgWide, String resource, Action action, String qualifier, String reason,
            PsScript script, boolean retryable, Duration timeout, Map<String, String> details, Nudge nudge) {
        String key = host + "." + action.jsonName() + (qualifier == null ? "" : "." + qualifier);
        drafts.computeIfAbsent(phase, k -> new LinkedHashMap<>()).putIfAbsent(key, new Draft(host, orgWide, resource,
                action, qualifier, reason, StepScript.of(script), retryable, timeout, details, nudge));
    }

    boolean has(PhaseKind phase, String host, Action action, String qualifier) {
        String key = host + "." + action.jsonName() + (qualifier == null ? "" : "." + qualifier);
        return drafts.getOrDefault(phase, Map.of()).containsKey(key);
    }

    /** True when any step so far is one of these actions. */
    boolean any(Action... actions) {
        List<Action> wanted = List.of(actions);
        return drafts.values().stream().flatMap(m -> m.values().stream()).anyMatch(d -> wanted.contains(d.action()));
    }

    List<Phase> phases(List<String> serial, List<String> hostOrder) {
        List<Phase> phases = new ArrayList<>();
        for (PhaseKind kind : PhaseKind.values()) {
            Map<String, Draft> byKey = drafts.get(kind);
            if (byKey == null || byKey.isEmpty()) {
                continue;
            }
            int number = phases.size() + 1;
            // Hosts in inventory order (so serial batches follow it); a host's steps in the order asked.
            List<Draft> ordered = new ArrayList<>(byKey.values());
            ordered.sort(java.util.Comparator.comparingInt((Draft d) -> indexOf(hostOrder, d.host())));
            List<Step> steps = ordered.stream().map(d -> new Step(
                    "p" + number + "." + d.host() + "." + d.action().jsonName() + (d.qualifier() == null ? "" : "." + d.qualifier()),
                    d.host(), d.orgWide(), d.resource(), d.action(), d.reason(), d.script(), d.retryable(), d.timeout(),
                    d.details(), d.nudge())).toList();
            phases.add(new Phase(number, kind.title(), kind.rolling() ? serial : List.of(), steps));
        }
        return phases;
    }

    private static int indexOf(List<String> order, String host) {
        int i = order.indexOf(host);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
