package io.authcert.cli;

/** Exit codes, as users of Terraform's {@code -detailed-exitcode} expect. */
public final class ExitCode {

    /** Nothing to do, or everything done. */
    public static final int OK = 0;
    /** An error: bad input, a host that failed, a refused plan. */
    public static final int ERROR = 1;
    /** Changes are pending ({@code plan --detailed-exitcode}). */
    public static final int CHANGES = 2;

    private ExitCode() {
    }
}
