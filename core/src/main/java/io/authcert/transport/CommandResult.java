package io.authcert.transport;

import java.time.Duration;

/** What a script printed and how it ended. {@code stderr} is already decoded from powershell.exe's CLIXML form. */
public record CommandResult(String stdout, String stderr, int exitCode, Duration duration) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
