package io.authcert.run;

import java.util.Locale;

/** How one step ended on one host, in the words of Ansible's PLAY RECAP. */
public enum StepOutcome {
    /** Ran and found nothing to change (a wait that was already satisfied, a script that printed {@code unchanged}). */
    OK,
    /** Ran and changed something. */
    CHANGED,
    /** Ran and failed, or a wait timed out: the host stops at the next barrier. */
    FAILED,
    /** The host could not be reached: the command did not run. */
    UNREACHABLE,
    /**
     * The response was lost (or the command timed out): it may or may not have run. Never answered by
     * running it again; the facts are gathered again and the run continues from what is true.
     */
    LOST,
    /** Not run: an earlier failure, the failure policy, a guard on organisation-wide steps, or a manual follow-up. */
    SKIPPED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the host must stop at the next barrier. */
    public boolean failedHost() {
        return this == FAILED || this == UNREACHABLE;
    }
}
