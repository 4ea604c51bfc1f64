package io.authcert.cli;

import java.nio.file.Path;

/** Lets a person change a file ({@code vault edit}); returns the editor's exit status. */
interface FileEditor {

    int edit(Path file);
}
