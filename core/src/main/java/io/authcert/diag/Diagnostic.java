package io.authcert.diag;

import java.util.Objects;

/**
 * One problem in the user's input, said so a person can act on it: what, where, and how to fix it.
 *
 * <p>Rendered as {@code FILE:LINE:COL: severity: message} followed by an indented hint.
 */
public record Diagnostic(Severity severity, SourceLocation location, String message, String hint) {

    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourceLocation location, String message, String hint) {
        return new Diagnostic(Severity.ERROR, location, message, hint);
    }

    public static Diagnostic warning(SourceLocation location, String message, String hint) {
        return new Diagnostic(Severity.WARNING, location, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form, without the hint. */
    public String headline() {
        String where = location == null ? "" : location + ": ";
        String level = severity == Severity.ERROR ? "" : "warning: ";
        return where + level + message;
    }
}
