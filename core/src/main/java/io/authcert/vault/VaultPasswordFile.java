package io.authcert.vault;

import io.authcert.diag.InputException;
import io.authcert.diag.ReadFailure;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a vault password from a file the way Ansible does: a plain file is the password (surrounding
 * whitespace removed); an executable file is a script whose standard output is the password, and a script
 * named {@code *-client} or {@code *-client.EXT} is asked for one vault id ({@code --vault-id LABEL}).
 */
final class VaultPasswordFile {

    private final SecretCommand command;

    VaultPasswordFile(SecretCommand command) {
        this.command = command;
    }

    VaultPassword read(Path file, String label) {
        SourceLocation where = SourceLocation.ofFile(file.toString());
        if (Files.isDirectory(file)) {
            throw InputException.of(where, "vault password file is a directory, not a file",
                    "name the file inside it that holds the ansible-vault password (--vault-password-file FILE)");
        }
        if (!Files.isRegularFile(file)) {
            throw InputException.of(where, "vault password file not found",
                    "give the path of a file that holds the ansible-vault password (--vault-password-file FILE"
                            + " or --vault-id LABEL@FILE)");
        }
        if (Files.isExecutable(file)) {
            return new VaultPassword(label, runScript(file, label, where), file + " (script)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ReadFailure.exception(file, "vault password file", e);
        }
        if (text.startsWith("#!")) {
            throw InputException.of(where, "vault password file is a script but not executable",
                    "make it executable (chmod u+x) to have it run as Ansible runs it, or put the password itself in the file");
        }
        String password = text.strip();
        if (password.isEmpty()) {
            throw InputException.of(where, "vault password file is empty", "write the ansible-vault password into it");
        }
        return new VaultPassword(label, Secret.of(password), file.toString());
    }

    private Secret runScript(Path file, String label, SourceLocation where) {
        List<String> argv = new ArrayList<>(List.of(file.toString()));
        if (isClientScript(file) && !label.equals(VaultEnvelope.DEFAULT_LABEL)) {
            argv.addAll(List.of("--vault-id", label));
        }
        try {
            return command.run(argv);
        } catch (SecretCommand.Failed e) {
            throw InputException.of(where, "vault password script failed: " + e.getMessage(),
                    "run the script by hand to see why (its error output is shown above); if it is not a"
                            + " script, remove the executable bit (chmod a-x)");
        }
    }

    /** Ansible's {@code script_is_client}: the name without extension ends in "-client". */
    static boolean isClientScript(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).endsWith("-client");
    }
}
