package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code $EDITOR} (split at spaces, as Ansible's {@code shlex.split} without quotes), else vi, on the terminal. */
final class EnvironmentEditor implements FileEditor {

    private final Map<String, String> environment;

    /** {@code $EDITOR} of this process. */
    EnvironmentEditor() {
        this(System.getenv());
    }

    EnvironmentEditor(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int edit(Path file) {
        String editor = environment.get("EDITOR");
        List<String> command = new ArrayList<>(editor == null || editor.isBlank()
                ? List.of("vi") : Arrays.asList(editor.strip().split("\\s+")));
        command.add(file.toString());
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw InputException.of(SourceLocation.ofFile("$EDITOR"), "cannot run the editor " + command.get(0) + ": "
                    + e.getMessage(), "set $EDITOR to an editor installed here");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while editing", e);
        }
    }
}
