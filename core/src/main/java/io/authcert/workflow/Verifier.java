package io.authcert.workflow;

/** Checks after an apply (or when there was nothing to do) that the servers are as desired. */
@FunctionalInterface
public interface Verifier {

    /** True when verified; what was found goes to the listener. */
    boolean verify(SelectedPlay play) throws InterruptedException;
}
