package io.authcert.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guard rails of an unattended apply: which {@link ChangeClass classes of change} it may make
 * ({@code --allow}) and at most how many hosts it may change ({@code --max-hosts-changed}; null for no
 * limit). {@link #apply} splits a plan into what runs and what is held back, never running a step that
 * relies on one held back:
 *
 * <ol>
 *   <li>a step whose class is not allowed is held back;
 *   <li>staging is held back when the distribution that follows it is: once staged, the AuthAdmin
 *       servicelet makes the certificate current on its date on every server, and only the imports and
 *       waits check that every server has it by then;
 *   <li>once a step is held back, every step of a later phase is held back too (phases are ordered
 *       because each relies on the ones before: no publish before the certificate is everywhere, no
 *       restart before it arrived, no clearing of the previous certificate while a server may still
 *       need it); the back-end binding relies on none of them and is judged by its class alone.
 * </ol>
 *
 * A plan of several organisations is judged as one: a step held back in one organisation holds back the
 * later phases of the others too (run one inventory per organisation to judge each alone).
 */
public record GuardRails(Set<ChangeClass> allowed, Integer maxHostsChanged) {

    /** Everything allowed, no limit: an apply without guard rails. */
    public static final GuardRails NONE = new GuardRails(ChangeClass.ALL, null);

    public GuardRails {
        allowed = allowed.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(allowed));
        if (maxHostsChanged != null && maxHostsChanged < 0) {
            throw new IllegalArgumentException("maxHostsChanged must not be negative, not " + maxHostsChanged);
        }
    }

    /** True when nothing is restricted. */
    public boolean unrestricted() {
        return allowed.containsAll(ChangeClass.ALL) && maxHostsChanged == null;
    }

    /** What of {@code plan} runs, and what is held back and why. */
    public GuardedPlan apply(Plan plan) {
        Map<String, ChangeClass> classes = ChangeClass.of(plan);
        boolean stageNeedsDistribution = !allowed.contains(ChangeClass.DISTRIBUTE) && distributionFollowsStaging(plan, classes);
        List<GuardedPlan.HeldStep> held = new ArrayList<>();
        List<Phase> runnable = new ArrayList<>();
        String firstHeld = null;
        for (Phase phase : plan.phases()) {
            List<Step> runs = new ArrayList<>();
            String heldInThisPhase = null;
            for (Step step : phase.steps()) {
                ChangeClass c = classes.get(step.id());
                String why = null;
                if (!allowed.contains(c)) {
                    why = "not allowed: " + c.jsonName() + " (--allow " + names(allowed) + ")";
                } else if (c == ChangeClass.STAGE && stageNeedsDistribution) {
                    why = "staging needs distribute allowed too: once staged, the certificate becomes current on its date on"
                            + " every server, and only the imports and waits check that every server has it by then";
                } else if (firstHeld != null && step.action() != Action.BIND_BACKEND_CERTIFICATE) {
                    why = "relies on " + firstHeld + ", which is held back";
                }
                if (why == null) {
                    runs.add(step);
                } else {
                    held.add(new GuardedPlan.HeldStep(step, c, why));
                    if (step.action() != Action.BIND_BACKEND_CERTIFICATE && heldInThisPhase == null) {
                        heldInThisPhase = step.id();
                    }
                }
            }
            if (firstHeld == null) {
                firstHeld = heldInThisPhase;
            }
            if (!runs.isEmpty()) {
                runnable.add(new Phase(phase.number(), phase.name(), phase.serial(), runs));
            }
        }
        Plan runs = new Plan(plan.formatVersion(), plan.playbook(), plan.plannedAt(), plan.factsFingerprint(), plan.hosts(),
                plan.failurePolicy(), runnable, plan.warnings(), plan.followups(), plan.skippedHosts(), plan.outsideServers(),
                plan.held());
        return new GuardedPlan(runs, held, hostsChanged(runs), maxHostsChanged);
    }

    /** True when a distribute step comes after a staging step (the staging relies on it). */
    private static boolean distributionFollowsStaging(Plan plan, Map<String, ChangeClass> classes) {
        boolean staged = false;
        for (Phase phase : plan.phases()) {
            for (Step step : phase.steps()) {
                ChangeClass c = classes.get(step.id());
                if (staged && c == ChangeClass.DISTRIBUTE && step.action() != Action.BIND_BACKEND_CERTIFICATE) {
                    return true;
                }
                staged |= c == ChangeClass.STAGE && step.action() == Action.STAGE_NEXT_CERTIFICATE;
            }
        }
        return false;
    }

    /**
     * The hosts a plan may change, in plan order: every host of a step that is neither a wait nor a manual
     * follow-up (an organisation-wide step changes the organisation through its primary), and every host a
     * wait's nudge may restart the Service Host on.
     */
    public static List<String> hostsChanged(Plan plan) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Step step : plan.steps()) {
            if (step.action() == Action.MANUAL_FOLLOWUP) {
                continue;
            }
            if (step.isWait()) {
                step.nudgeIfAny().ifPresent(n -> hosts.addAll(n.hosts()));
            } else {
                hosts.add(step.host());
            }
        }
        List<String> ordered = new ArrayList<>(plan.hosts().stream().filter(hosts::contains).toList());
        hosts.stream().filter(h -> !ordered.contains(h)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** "stage,distribute" in the classes' order; "nothing" for none. */
    public static String names(Set<ChangeClass> classes) {
        List<String> names = java.util.Arrays.stream(ChangeClass.values()).filter(classes::contains).map(ChangeClass::jsonName).toList();
        return names.isEmpty() ? "nothing" : String.join(",", names);
    }
}
