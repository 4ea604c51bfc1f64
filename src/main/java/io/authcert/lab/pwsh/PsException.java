package io.authcert.lab.pwsh;

/**
 * A terminating error: a cmdlet throws it (ThrowTerminatingError), {@code throw} raises it, and the
 * interpreter raises it for runtime errors. {@code try/catch} catches it; uncaught, it ends the
 * statement (or, under {@code $ErrorActionPreference = 'Stop'}, the script with exit code 1) and the
 * error goes to stderr.
 */
public class PsException extends RuntimeException {

    private final transient ErrorRecord record;
    private transient ErrorContext context;
    private transient boolean scriptTerminating;
    private transient Object thrownObject;

    public PsException(ErrorRecord record) {
        super(record.message(), null, false, false);
        this.record = record;
    }

    public ErrorRecord record() {
        return record;
    }

    /** Where and in which command the error happened; set once, by the innermost command. */
    ErrorContext context() {
        return context;
    }

    PsException withContext(ErrorContext ctx) {
        if (this.context == null) {
            this.context = ctx;
        }
        return this;
    }

    /** {@code throw} ends the script even when $ErrorActionPreference is Continue. */
    boolean scriptTerminating() {
        return scriptTerminating;
    }

    PsException scriptTerminating(boolean value) {
        this.scriptTerminating = value;
        return this;
    }

    /** The object given to {@code throw} (what {@code $_.TargetObject} returns), if any. */
    Object thrownObject() {
        return thrownObject;
    }

    PsException thrownObject(Object value) {
        this.thrownObject = value;
        return this;
    }

    /**
     * How the host prints the error: the prefix before the message ("Get-Foo : "), the position, the
     * activity in CategoryInfo and the suffix of the FullyQualifiedErrorId.
     */
    record ErrorContext(String prefix, Ast.Extent extent, String activity, String errorIdSuffix) {
    }
}
