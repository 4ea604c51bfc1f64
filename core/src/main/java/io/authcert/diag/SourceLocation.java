package io.authcert.diag;

/** Where in a user's file something was found: file, 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

    /** A location for a whole file, when no line is known. */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + column;
    }
}
