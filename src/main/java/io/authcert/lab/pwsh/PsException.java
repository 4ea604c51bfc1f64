package io.authcert.lab.pwsh;

/**
 * A terminating error: a cmdlet throws it (ThrowTerminatingError), {@code throw} raises it, and the
 * interpreter raises it for runtime errors. {@code try/catch} catches it; uncaught, it ends the script
 * with exit code 1 and the error on stderr.
 */
public class PsException extends RuntimeException {

    private final transient ErrorRecord record;
    private transient Object position;
    private transient String commandName;
    private transient String commandType;

    public PsException(ErrorRecord record) {
        super(record.message(), null, false, false);
        this.record = record;
    }

    public ErrorRecord record() {
        return record;
    }

    /** Set by the interpreter: where the failing command was (an internal position object). */
    Object position() {
        return position;
    }

    String commandName() {
        return commandName;
    }

    String commandType() {
        return commandType;
    }

    PsException at(Object position, String commandName, String commandType) {
        if (this.position == null) {
            this.position = position;
            this.commandName = commandName;
            this.commandType = commandType;
        }
        return this;
    }
}
