package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A file the command could not read or write, in words: which file, what is wrong, what to do (not "error: plan.json"). */
final class FileProblem {

    private FileProblem() {
    }

    static InputException of(FileSystemException e) {
        String file = e.getFile() == null ? "(unknown file)" : e.getFile();
        String reason = e.getReason() == null ? "" : e.getReason();
        if (e instanceof NoSuchFileException) {
            return InputException.of(SourceLocation.ofFile(file), "no such file",
                    "check the path (relative paths start from the current directory: " + System.getProperty("user.dir") + ")");
        }
        if (e instanceof AccessDeniedException) {
            return InputException.of(SourceLocation.ofFile(file), "permission denied",
                    "give the account running the engine access to it, or use another path");
        }
        if (e instanceof NotDirectoryException) {
            return InputException.of(SourceLocation.ofFile(file), "not a directory", "name a directory here");
        }
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("is a directory")) {
            return InputException.of(SourceLocation.ofFile(file), "is a directory, not a file", "name the file inside it");
        }
        return InputException.of(SourceLocation.ofFile(file), "cannot be read or written" + (reason.isBlank() ? "" : ": " + reason),
                "check the path, its permissions and the free space");
    }
}
