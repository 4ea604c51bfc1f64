package io.authcert.workflow;

import io.authcert.run.RunResult;

/** How an apply ended; {@code run} is null when nothing was executed. */
public record ApplyResult(Status status, RunResult run) {

    public enum Status {
        /** Applied, and verification found nothing left to do. */
        APPLIED,
        /** The plan was empty and verification passed. */
        NOTHING_TO_DO,
        /** Executed (or nothing to do), but some host failed or verification did not pass. */
        FAILED,
        /**
         * Executed what was safe (or nothing to do) and verified it, but the plan holds something back
         * for a person: servers of the organisation outside the plan.
         */
        NEEDS_HUMAN,
        /** The planner refused (its reasons went to the listener). */
        CANNOT_PLAN,
        /** The saved plan no longer matches the facts; nothing was executed. */
        STALE,
        /** The saved plan is not what the planner makes from its own facts and moment (it was edited); nothing was executed. */
        EDITED,
        /** Stopped by a signal (SIGTERM, Ctrl-C): what was sent finished, nothing new started, nothing verified. */
        INTERRUPTED,
        /** Nobody said yes; nothing was executed. */
        NOT_CONFIRMED,
        /** Another apply holds the inventory's lock; nothing was gathered or executed. */
        LOCK_HELD,
        /**
         * The guard rails ({@code --allow}) held back part of the plan: what was allowed and safe ran and was
         * verified (or nothing ran), the rest is for a person.
         */
        HELD_BACK,
        /** What would run changes more hosts than {@code --max-hosts-changed} allows; nothing was executed. */
        TOO_MANY_HOSTS
    }

    public boolean succeeded() {
        return status == Status.APPLIED || status == Status.NOTHING_TO_DO;
    }

    static ApplyResult of(Status status) {
        return new ApplyResult(status, null);
    }
}
