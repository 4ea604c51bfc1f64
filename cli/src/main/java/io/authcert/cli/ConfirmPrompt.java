package io.authcert.cli;

/** Asks the person at the terminal to confirm; only {@code yes} confirms, as Terraform's apply. */
public interface ConfirmPrompt {

    boolean confirm(String question);
}
