package io.authcert.plan;

import io.authcert.powershell.PsScript;
import java.util.Objects;

/**
 * A step's PowerShell as two values that cannot be mixed up: {@link #sent()} (secrets in clear) goes
 * only to the server, {@link #shown()} (secrets redacted) only into plans, renderings and journals.
 * A script read back from a saved plan has only its shown text; when that text carries the
 * redaction marker it cannot be sent at all.
 */
public final class StepScript {

    private static final StepScript NONE = new StepScript("", "");

    private final String sent;
    private final String shown;

    private StepScript(String sent, String shown) {
        this.sent = sent;
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    /** The script of a step that runs nothing (a manual follow-up). */
    public static StepScript none() {
        return NONE;
    }

    /** A script as planned: the rendered text to send and the redacted text to show. */
    public static StepScript of(PsScript script) {
        return script == null ? NONE : new StepScript(script.render(), script.renderRedacted());
    }

    /**
     * A script read from a saved plan, which holds only the shown text: it can be sent as it is unless
     * something in it was redacted, since the redacted text is not what the step needs.
     */
    public static StepScript loaded(String shown) {
        String text = shown == null ? "" : shown;
        return new StepScript(text.contains(PsScript.REDACTED) ? null : text, text);
    }

    /**
     * The same script with {@code edit} applied to both texts (a rehearsal writes its twin's thumbprints
     * for the real ones); a text that cannot be sent stays unsendable.
     */
    public StepScript map(java.util.function.UnaryOperator<String> edit) {
        return new StepScript(sent == null ? null : edit.apply(sent), edit.apply(shown));
    }

    /** The text for plans, renderings, journals and logs; never a secret. */
    public String shown() {
        return shown;
    }

    /** True when {@link #sent()} has a script to give (false for a loaded script with redacted values). */
    public boolean sendable() {
        return sent != null;
    }

    /**
     * The text for the server only.
     *
     * @throws UnsendableScriptException when only the redacted text is known
     */
    public String sent() {
        if (sent == null) {
            throw new UnsendableScriptException();
        }
        return sent;
    }

    public boolean isEmpty() {
        return shown.isEmpty();
    }

    /** Equal when both show the same text and both can (or cannot) be sent; the sent text is never compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StepScript other && shown.equals(other.shown) && sendable() == other.sendable();
    }

    @Override
    public int hashCode() {
        return Objects.hash(shown, sendable());
    }

    @Override
    public String toString() {
        return shown;
    }

    /** Refuses to send a script whose real values were redacted when the plan was saved. */
    public static final class UnsendableScriptException extends IllegalStateException {
        public UnsendableScriptException() {
            super("the script of this step has redacted values (" + PsScript.REDACTED + ") and a saved plan does not keep"
                    + " the real ones, so it cannot be sent: apply the playbook instead of the saved plan");
        }
    }
}
