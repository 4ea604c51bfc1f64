package io.authcert.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What kind of change a step is part of, for the guard rails of unattended runs ({@code engine apply
 * --allow}). Every step of a plan belongs to exactly one class ({@link #of}); the mapping reads the
 * plan value alone, so a saved plan is classed as the planner's own.
 *
 * <ul>
 *   <li>{@link #STAGE}: create a certificate and stage it as next with a future date (a staged rotation);
 *   <li>{@link #DISTRIBUTE}: per-server work that brings one server in line with what the organisation
 *       already has: imports, waits, the restarts and recycles that load what arrived or what replication
 *       brought, the back-end binding;
 *   <li>{@link #PUBLISH}: publish a staged certificate whose date passed, wait for AuthConfig to
 *       replicate, recycle the app pools that still sign with the old one;
 *   <li>{@link #CLEANUP}: clear the previous certificate;
 *   <li>{@link #IMMEDIATE}: every step of an immediate replacement (create, effective now, publish now,
 *       the imports, waits, restarts and recycles it needs) except clearing the previous certificate,
 *       which stays {@link #CLEANUP}: an outage fix is one unit that a site may want a person for.
 * </ul>
 *
 * A manual follow-up takes the class of the change it follows (the hybrid wizard after an immediate
 * replacement, a publish or a staging).
 */
public enum ChangeClass {
    STAGE, DISTRIBUTE, PUBLISH, CLEANUP, IMMEDIATE;

    /** Every class, in the order the runbook reaches them. */
    public static final Set<ChangeClass> ALL = Set.of(values());

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class named {@code name} ({@code stage}, ...), or null when there is none. */
    public static ChangeClass fromJsonName(String name) {
        for (ChangeClass c : values()) {
            if (c.jsonName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /** Each step's class, by step id. */
    public static Map<String, ChangeClass> of(Plan plan) {
        boolean immediate = isImmediate(plan);
        Map<String, ChangeClass> classes = new java.util.LinkedHashMap<>();
        boolean afterPublish = false;
        ChangeClass rotation = rotationClass(plan, immediate);
        for (Phase phase : plan.phases()) {
            for (Step step : phase.steps()) {
                classes.put(step.id(), of(step, immediate, afterPublish, rotation));
            }
            afterPublish |= phase.steps().stream().anyMatch(s -> s.action() == Action.PUBLISH_CERTIFICATE);
        }
        return classes;
    }

    private static ChangeClass of(Step step, boolean immediate, boolean afterPublish, ChangeClass rotation) {
        return switch (step.action()) {
            case CLEAR_PREVIOUS_CERTIFICATE -> CLEANUP;
            case BIND_BACKEND_CERTIFICATE -> DISTRIBUTE;
            case MANUAL_FOLLOWUP -> rotation;
            case CREATE_CERTIFICATE, STAGE_NEXT_CERTIFICATE -> immediate ? IMMEDIATE : STAGE;
            case PUBLISH_CERTIFICATE -> immediate ? IMMEDIATE : PUBLISH;
            case IMPORT_CERTIFICATE, WAIT_FOR_CERTIFICATE -> immediate ? IMMEDIATE : DISTRIBUTE;
            case WAIT_FOR_AUTH_CONFIG, RESTART_SERVICE, RECYCLE_APP_POOL -> immediate ? IMMEDIATE
                    : afterPublish ? PUBLISH : DISTRIBUTE;
        };
    }

    /**
     * An immediate replacement sets a certificate effective now ({@code effective_in_days} 0) and publishes it
     * in the phase "publish now"; a staged rotation's date is at least two days away.
     */
    static boolean isImmediate(Plan plan) {
        return plan.phases().stream().anyMatch(p -> p.name().equals(PhaseKind.ACTIVATE.title()))
                || plan.steps().stream().anyMatch(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE
                        && "0".equals(s.details().get("effective_in_days")));
    }

    private static ChangeClass rotationClass(Plan plan, boolean immediate) {
        if (immediate) {
            return IMMEDIATE;
        }
        List<Action> actions = plan.steps().stream().map(Step::action).toList();
        return actions.contains(Action.PUBLISH_CERTIFICATE) ? PUBLISH
                : actions.contains(Action.STAGE_NEXT_CERTIFICATE) ? STAGE : DISTRIBUTE;
    }
}
