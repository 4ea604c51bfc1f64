package io.authcert.workflow;

/** Checks after an apply (or when there was nothing to do) that the servers are as desired. */
@FunctionalInterface
public interface Verifier {

    /** How verification ended. */
    enum Outcome {
        /** Nothing left to do, OWA healthy where probed. */
        VERIFIED,
        /** All the plan could do is done and healthy, but it holds something back for a person. */
        NEEDS_HUMAN,
        /** Work is left, OWA is unhealthy, or planning again stops. */
        FAILED
    }

    /** What was found goes to the listener. */
    Outcome verify(SelectedPlay play) throws InterruptedException;

    /**
     * After a failed or aborted run: what is true now, looked at once, without waiting for OWA to
     * become healthy (nothing more is coming that would make it so).
     */
    default Outcome verifyOnce(SelectedPlay play) throws InterruptedException {
        return verify(play);
    }
}
