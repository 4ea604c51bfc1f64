package io.authcert.diag;

import java.util.List;

/**
 * The user's input (inventory, playbook, saved plan, command line) is wrong. Carries every problem
 * found; the CLI prints them and exits 1 without a stack trace.
 */
public final class InputException extends RuntimeException {

    private final transient List<Diagnostic> diagnostics;

    public InputException(Diagnostics diagnostics) {
        super(summary(diagnostics.errors()));
        this.diagnostics = diagnostics.sorted();
    }

    public InputException(Diagnostic diagnostic) {
        super(diagnostic.headline());
        this.diagnostics = List.of(diagnostic);
    }

    public static InputException of(SourceLocation location, String message, String hint) {
        return new InputException(Diagnostic.error(location, message, hint));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> errors) {
        return errors.isEmpty() ? "invalid input" : errors.get(0).headline()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }
}
