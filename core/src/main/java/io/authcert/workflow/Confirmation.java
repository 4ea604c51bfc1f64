package io.authcert.workflow;

import io.authcert.plan.Plan;

/** Asks a person whether to apply the plan just shown (not asked with {@code autoApprove}). */
@FunctionalInterface
public interface Confirmation {

    enum Answer {
        /** Apply. */
        YES,
        /** The person said anything but yes. */
        NO,
        /** There is nobody to ask (no terminal). */
        CANNOT_ASK
    }

    Answer ask(Plan plan);
}
