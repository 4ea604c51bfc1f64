package io.authcert.lab.pwsh;

/** A syntax error, reported as powershell.exe reports parser errors (ParserError, exit 1, nothing runs). */
final class ParseException extends RuntimeException {

    private final int offset;
    private final String errorId;
    private final int length;

    ParseException(int offset, String message, String errorId) {
        this(offset, 1, message, errorId);
    }

    /** An error about a token of {@code length} characters (underlined in full). */
    ParseException(int offset, int length, String message, String errorId) {
        super(message, null, false, false);
        this.offset = offset;
        this.errorId = errorId;
        this.length = Math.max(1, length);
    }

    int length() {
        return length;
    }

    int offset() {
        return offset;
    }

    String errorId() {
        return errorId;
    }
}
