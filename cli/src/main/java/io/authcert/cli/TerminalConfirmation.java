package io.authcert.cli;

import io.authcert.plan.Plan;
import io.authcert.workflow.Confirmation;

/** Asks at the terminal (only {@code yes} confirms); without a terminal there is nobody to ask. */
final class TerminalConfirmation implements Confirmation {

    private final Terminal terminal;
    private final ConfirmPrompt prompt;

    TerminalConfirmation(Terminal terminal, ConfirmPrompt prompt) {
        this.terminal = terminal;
        this.prompt = prompt;
    }

    @Override
    public Answer ask(Plan plan) {
        if (!terminal.interactive()) {
            return Answer.CANNOT_ASK;
        }
        return prompt.confirm("Apply this plan?") ? Answer.YES : Answer.NO;
    }
}
