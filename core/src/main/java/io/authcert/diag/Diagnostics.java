package io.authcert.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found in the input, so they can be shown together instead of one at a time. */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void error(SourceLocation location, String message, String hint) {
        add(Diagnostic.error(location, message, hint));
    }

    public void warning(SourceLocation location, String message, String hint) {
        add(Diagnostic.warning(location, message, hint));
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    public List<Diagnostic> errors() {
        return items.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return items.stream().filter(d -> !d.isError()).toList();
    }

    /** Problems in file order, so the output reads top to bottom. */
    public List<Diagnostic> sorted() {
        return items.stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.location() == null ? "" : d.location().file())
                        .thenComparingInt(d -> d.location() == null ? 0 : d.location().line())
                        .thenComparingInt(d -> d.location() == null ? 0 : d.location().column()))
                .toList();
    }

    /** Throws {@link InputException} carrying everything collected if any of it is an error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new InputException(this);
        }
    }
}
