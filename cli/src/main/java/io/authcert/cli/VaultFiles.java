package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.ReadFailure;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultSecrets;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes what the {@code vault} verbs work on: a file, or standard input/output for {@code -}. A
 * file is written as ansible-vault writes it, readable by its owner only (0600), and replaced atomically
 * so that a failure never leaves half a file.
 */
final class VaultFiles {

    static final String STDIO = "-";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final StandardStreams streams;
    private final Terminal terminal;

    @Inject
    VaultFiles(StandardStreams streams, Terminal terminal) {
        this.streams = streams;
        this.terminal = terminal;
    }

    byte[] read(String name) {
        if (name.equals(STDIO)) {
            try {
                return streams.in().readAllBytes();
            } catch (IOException e) {
                throw InputException.of(SourceLocation.ofFile("<stdin>"), "cannot read standard input: " + e.getMessage(), "check the pipe");
            }
        }
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw InputException.of(SourceLocation.ofFile(name), "is a directory, not a file", "name a file inside it");
        }
        if (!Files.isRegularFile(file)) {
            throw InputException.of(SourceLocation.ofFile(name), "file not found", "give the path of an existing file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ReadFailure.exception(file, "file", e);
        }
    }

    void write(String name, byte[] data) {
        if (name.equals(STDIO)) {
            terminal.out().flush();
            try {
                OutputStream out = streams.out();
                out.write(data);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("cannot write to standard output: " + e.getMessage(), e);
            }
            return;
        }
        Path file = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(file)) {
            // Moving onto an empty directory would replace it.
            throw InputException.of(SourceLocation.ofFile(name), "is a directory, not a file; nothing was written",
                    "name the file to write (--output FILE, or '-' for standard output)");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(temp, data);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw InputException.of(SourceLocation.ofFile(name), "cannot write the file: " + e.getMessage(),
                    "check that its directory exists and is writable");
        } finally {
            deleteQuietly(temp);
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing left to do: the file is inside a directory the user owns.
            }
        }
    }

    /** A vault failure on {@code name} as {@code FILE: message} with what to do. */
    static InputException failure(String name, VaultException e, VaultSecrets secrets) {
        String where = name.equals(STDIO) ? "<stdin>" : name;
        String hint = switch (e.reason()) {
            case NO_PASSWORD -> "give the vault password: --vault-password-file FILE, --vault-id LABEL@FILE,"
                    + " --vault-id LABEL@prompt or $" + VaultSecrets.PASSWORD_FILE_ENV;
            case WRONG_PASSWORD -> "check the vault password" + secrets.origin().map(o -> " (" + o + ")").orElse("")
                    + "; it must be the one the file was encrypted with";
            case MALFORMED -> "is it an ansible-vault file? It must start with $ANSIBLE_VAULT;1.1;AES256 or $ANSIBLE_VAULT;1.2;AES256;LABEL";
        };
        return InputException.of(SourceLocation.ofFile(where), e.getMessage(), hint);
    }
}
