package io.authcert.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.facts.FactsParseException;
import io.authcert.plan.PlanningException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The one property every fuzzed parser and the planner must keep: return a result or throw the
 * documented error type, whose text is for a person (non-empty, no stack trace, no Java class names);
 * never another exception, never a hang.
 */
public final class Refusals {

    /** Only a hang detector, far above any real input's time; never a performance bound. */
    public static final Duration HANG = Duration.ofSeconds(10);

    /** A stack frame, a "Caused by", or a Java exception class name: text for a developer, not for the user. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [\\w$]+(\\.[\\w$]+)+\\([^)]*\\)|Caused by:|\\b(java|javax|org|com|jdk|sun)\\.[\\w.$]*(Exception|Error)\\b");

    private Refusals() {
    }

    /** What the call did: its result, or the documented refusal. */
    public record Outcome<T>(T result, Throwable refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Runs {@code call} (in its own thread, {@link #HANG} at most) and fails unless it returns or throws
     * {@code documented} with a plain message.
     */
    public static <T> Outcome<T> acceptsOrRefuses(Class<? extends Throwable> documented, Callable<T> call) {
        Object[] box = new Object[2];
        assertTimeoutPreemptively(HANG, () -> {
            try {
                box[0] = call.call();
            } catch (Throwable t) {
                box[1] = t;
            }
        }, () -> "hangs: did not return within " + HANG.toSeconds() + " s");
        Throwable thrown = (Throwable) box[1];
        if (thrown == null) {
            @SuppressWarnings("unchecked")
            T result = (T) box[0];
            return new Outcome<>(result, null);
        }
        if (documented == null || !documented.isInstance(thrown)) {
            throw new AssertionError("threw " + thrown.getClass().getName() + " instead of "
                    + (documented == null ? "returning" : documented.getSimpleName())
                    + ":\n" + stackTrace(thrown), thrown);
        }
        checkPlain(thrown);
        return new Outcome<>(null, thrown);
    }

    /** Runs {@code call} ({@link #HANG} at most) and fails unless it returns: for what must never throw. */
    public static <T> T returns(Callable<T> call) {
        return acceptsOrRefuses(null, call).result();
    }

    /** The refusal's text, and every diagnostic it carries, is for a person: what, and how to fix it. */
    public static void checkPlain(Throwable refusal) {
        plain("message", refusal.getMessage(), refusal);
        List<Diagnostic> diagnostics = refusal instanceof InputException e ? e.diagnostics()
                : refusal instanceof FactsParseException e ? e.diagnostics()
                : refusal instanceof PlanningException e ? e.reasons() : List.of();
        if (refusal instanceof InputException && diagnostics.isEmpty()) {
            throw new AssertionError("an InputException without diagnostics: " + refusal.getMessage(), refusal);
        }
        if (refusal instanceof FactsParseException && refusal.getMessage().contains("\n")) {
            throw new AssertionError("a FactsParseException's message is one line, got:\n" + refusal.getMessage(), refusal);
        }
        for (Diagnostic d : diagnostics) {
            plain("diagnostic message", d.message(), refusal);
            if (d.isError()) {
                plain("hint of '" + d.message() + "'", d.hint(), refusal);
            }
        }
    }

    private static void plain(String what, String text, Throwable refusal) {
        if (text == null || text.isBlank()) {
            throw new AssertionError(refusal.getClass().getSimpleName() + " with an empty " + what + ":\n"
                    + stackTrace(refusal), refusal);
        }
        if (STACK_TRACE.matcher(text).find()) {
            throw new AssertionError(refusal.getClass().getSimpleName() + "'s " + what + " holds stack-trace text: " + text,
                    refusal);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String s = out.toString();
        return s.length() > 6000 ? s.substring(0, 6000) + "\n..." : s;
    }
}
