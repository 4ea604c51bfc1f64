package io.authcert.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads the answer from standard input. */
final class StdinConfirmPrompt implements ConfirmPrompt {

    private final Terminal terminal;

    @com.google.inject.Inject
    StdinConfirmPrompt(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public boolean confirm(String question) {
        terminal.out().print(question + " Only 'yes' will be accepted: ");
        terminal.out().flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line != null && line.trim().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
