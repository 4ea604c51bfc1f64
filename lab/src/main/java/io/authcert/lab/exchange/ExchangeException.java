package io.authcert.lab.exchange;

/**
 * A terminating error of a simulated Exchange cmdlet, with the message, PowerShell error category and
 * fully qualified error id the real cmdlet writes.
 */
public final class ExchangeException extends RuntimeException {

    /** What Windows PowerShell writes when a cmdlet asks for confirmation in a remote, non-interactive session. */
    public static final String NON_INTERACTIVE =
            "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.";

    private final String category;
    private final String errorId;

    public ExchangeException(String message, String category, String errorId) {
        super(message, null, false, false);
        this.category = category;
        this.errorId = errorId;
    }

    /** The confirmation prompt a cmdlet shows; over WinRM it cannot be answered and fails. */
    public static ExchangeException confirmationRequired(String cmdlet) {
        return new ExchangeException(NON_INTERACTIVE, "InvalidOperation", "HostFunctionNotImplemented," + cmdlet);
    }

    /** PowerShell's ErrorCategory name ("InvalidArgument", "ObjectNotFound", "InvalidOperation", ...). */
    public String category() {
        return category;
    }

    public String errorId() {
        return errorId;
    }
}
