package io.authcert.cli;

/** {@code engine apply --lab}: the embedded lab's outage, healed by the standard playbook. */
final class LabApply {

    private final Terminal terminal;
    private final ApplyCommand command;

    LabApply(Terminal terminal, ApplyCommand command) {
        this.terminal = terminal;
        this.command = command;
    }

    int run() {
        terminal.err().println(terminal.red("error: ") + "the embedded lab (branch lab-exchange) is not in this build yet");
        return ExitCode.ERROR;
    }
}
