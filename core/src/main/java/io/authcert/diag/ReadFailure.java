package io.authcert.diag;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a user's file could not be read, said the way its owner can act on it ("is not UTF-8 text",
 * "permission denied") rather than as the JDK's exception text ("Input length = 1"). The one wording
 * for every file authcert reads: inventories, variables files, playbooks, vault password and limit files.
 */
public final class ReadFailure {

    private ReadFailure() {
    }

    /** The problem as an error at {@code file}; {@code what} names the file's role ("inventory file", "YAML file"). */
    public static Diagnostic of(Path file, String what, IOException e) {
        SourceLocation at = SourceLocation.ofFile(file.toString());
        if (e instanceof CharacterCodingException) {
            return Diagnostic.error(at, "the " + what + " is not UTF-8 text",
                    "save it as UTF-8; check that this is the file you meant");
        }
        if (e instanceof AccessDeniedException) {
            return Diagnostic.error(at, "cannot read the " + what + ": permission denied",
                    "make it readable for this user (chmod/chown), or run as a user who may read it");
        }
        if (e instanceof NoSuchFileException) {
            return Diagnostic.error(at, "the " + what + " is not there", "check the path (relative paths start from the current directory)");
        }
        if (Files.isDirectory(file)) {
            return Diagnostic.error(at, "the " + what + " is a directory, not a file", "name the file inside it");
        }
        return Diagnostic.error(at, "cannot read the " + what + ": " + e.getMessage(), "check that the path exists and is readable");
    }

    /** The same, thrown. */
    public static InputException exception(Path file, String what, IOException e) {
        return new InputException(of(file, what, e));
    }
}
