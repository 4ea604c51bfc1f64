package io.authcert.plan;

import java.time.Instant;
import java.util.List;

/**
 * What the engine will do, as a value: ordered phases of steps, the fingerprint of the facts it was
 * made from (to refuse a stale plan), and what it cannot do itself (manual follow-ups, skipped hosts).
 * Same inputs give an equal plan and byte-identical JSON.
 *
 * @param hosts          the in-scope hosts, in inventory order
 * @param outsideServers servers of the organisation that are not hosts of the plan (ignored on purpose or not)
 * @param held           what the plan holds back for a person; not empty means the organisation is not
 *                       known to be healthy, whatever the steps do
 */
public record Plan(
        int formatVersion,
        String playbook,
        Instant plannedAt,
        String factsFingerprint,
        List<String> hosts,
        FailurePolicy failurePolicy,
        List<Phase> phases,
        List<String> warnings,
        List<String> followups,
        List<String> skippedHosts,
        List<OutsideServer> outsideServers,
        List<Hold> held) {

    public static final int FORMAT_VERSION = 1;

    /** Ansible's {@code any_errors_fatal} and {@code max_fail_percentage} (null: not set) of the play. */
    public record FailurePolicy(boolean anyErrorsFatal, Integer maxFailPercentage) {
        public static final FailurePolicy DEFAULT = new FailurePolicy(false, null);
    }

    public Plan {
        hosts = List.copyOf(hosts);
        failurePolicy = failurePolicy == null ? FailurePolicy.DEFAULT : failurePolicy;
        phases = List.copyOf(phases);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        followups = followups == null ? List.of() : List.copyOf(followups);
        skippedHosts = skippedHosts == null ? List.of() : List.copyOf(skippedHosts);
        outsideServers = outsideServers == null ? List.of() : List.copyOf(outsideServers);
        held = held == null ? List.of() : List.copyOf(held);
    }

    /** A plan that covers every server of its organisations: nothing outside it, nothing held. */
    public Plan(int formatVersion, String playbook, Instant plannedAt, String factsFingerprint, List<String> hosts,
            FailurePolicy failurePolicy, List<Phase> phases, List<String> warnings, List<String> followups,
            List<String> skippedHosts) {
        this(formatVersion, playbook, plannedAt, factsFingerprint, hosts, failurePolicy, phases, warnings, followups,
                skippedHosts, null, null);
    }

    /** True when something is held back for a person: the plan alone cannot make the organisation healthy. */
    public boolean needsHuman() {
        return !held.isEmpty();
    }

    /** True when there is nothing to change (follow-ups and warnings aside). */
    public boolean isEmpty() {
        return phases.stream().allMatch(p -> p.steps().isEmpty());
    }

    public List<Step> steps() {
        return phases.stream().flatMap(p -> p.steps().stream()).toList();
    }
}
