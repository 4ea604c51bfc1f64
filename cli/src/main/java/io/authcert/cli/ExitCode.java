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
    /**
     * Held back by the guard rails of an unattended run ({@code apply --allow}: what was allowed and safe ran;
     * {@code --max-hosts-changed}: nothing ran); a person decides the rest.
     */
    public static final int HELD_BACK = 4;

    private ExitCode() {
    }
}
