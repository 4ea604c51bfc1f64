package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;

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

    private transient List<Object> partial;

    /** The output a function or script block wrote before this error (replaces what was kept before). */
    PsException partial(List<Object> output) {
        this.partial = new ArrayList<>(output);
        return this;
    }

    /** Takes the output written before the error; empty the second time. */
    List<Object> takePartial() {
        List<Object> p = partial == null ? List.of() : partial;
        partial = null;
        return p;
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
    record ErrorContext(String prefix, Ast.Extent extent, String activity, String errorIdSuffix, SourceText source) {

        ErrorContext(String prefix, Ast.Extent extent, String activity, String errorIdSuffix) {
            this(prefix, extent, activity, errorIdSuffix, null);
        }
    }

    /** Ties the position to the text it points into (a script block made from a string has its own). */
    PsException bindSource(SourceText source) {
        if (context != null && context.source() == null && context.extent() != null) {
            context = new ErrorContext(context.prefix(), context.extent(), context.activity(), context.errorIdSuffix(),
                    source);
        }
        return this;
    }
}
