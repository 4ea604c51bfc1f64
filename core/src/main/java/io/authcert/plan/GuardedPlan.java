package io.authcert.plan;

import java.util.List;

/**
 * A plan split by {@link GuardRails}: what runs, what is held back (each step with its class and why),
 * and the hosts what runs would change.
 *
 * @param runnable        the plan without the held steps (same phases, numbers and ids; empty phases dropped)
 * @param heldBack        the steps held back, in plan order
 * @param hostsChanged    the hosts {@code runnable} may change ({@link GuardRails#hostsChanged})
 * @param maxHostsChanged the limit, or null for none
 */
public record GuardedPlan(Plan runnable, List<HeldStep> heldBack, List<String> hostsChanged, Integer maxHostsChanged) {

    /** A step the guard rails hold back. */
    public record HeldStep(Step step, ChangeClass changeClass, String reason) {

        /** "publish_certificate on ex01 (publish): not allowed: publish (--allow stage,distribute)". */
        public String line() {
            return step.id() + ": " + step.action().jsonName() + " on " + step.host() + " (" + changeClass.jsonName() + "): "
                    + reason;
        }
    }

    public GuardedPlan {
        heldBack = List.copyOf(heldBack);
        hostsChanged = List.copyOf(hostsChanged);
    }

    /** True when something of the plan is not run. */
    public boolean holdsBack() {
        return !heldBack.isEmpty();
    }

    /** True when what would run changes more hosts than allowed: then nothing runs. */
    public boolean exceedsMaxHosts() {
        return maxHostsChanged != null && hostsChanged.size() > maxHostsChanged;
    }
}
