package io.authcert.cli;

/** Exit codes, as users of Terraform's {@code -detailed-exitcode} expect. */
public final class ExitCode {

    /** Nothing to do, or everything done. */
    public static final int OK = 0;
    /** An error: bad input, a host that failed, a refused plan. */
    public static final int ERROR = 1;
    /** Changes are pending ({@code plan --detailed-exitcode}). */
    public static final int CHANGES = 2;
    /**
     * Needs a person: servers of the organisation outside the plan hold something back ({@code apply}:
     * the rest was applied and verified; {@code plan --detailed-exitcode}: the plan holds something back).
     */
    public static final int NEEDS_HUMAN = 3;

    private ExitCode() {
    }
}
