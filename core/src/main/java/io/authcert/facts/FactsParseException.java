package io.authcert.facts;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.util.List;

/**
 * Output or a captured file could not be read as facts; the message is one plain line for the user.
 * A facts document's problems also come as {@link #diagnostics()}: each at its file, line and column
 * where known, with a hint.
 */
public class FactsParseException extends Exception {

    private final transient List<Diagnostic> diagnostics;

    public FactsParseException(String message) {
        super(message);
        this.diagnostics = List.of();
    }

    public FactsParseException(String message, Throwable cause) {
        super(message, cause);
        this.diagnostics = List.of();
    }

    /** Every problem of a document; the message is the first one's headline. */
    public FactsParseException(List<Diagnostic> diagnostics) {
        super(diagnostics.get(0).headline());
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The problems with their positions and hints; empty for a plain message. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The problem for the user: every positioned problem as it is, or the plain message at {@code source}
     * (what the user named) with {@code hint}.
     */
    public InputException toInput(SourceLocation source, String hint) {
        if (diagnostics.isEmpty()) {
            return InputException.of(source, getMessage(), hint);
        }
        Diagnostics all = new Diagnostics();
        diagnostics.forEach(all::add);
        return new InputException(all);
    }
}
