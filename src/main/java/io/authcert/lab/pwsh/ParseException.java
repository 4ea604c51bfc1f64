package io.authcert.lab.pwsh;

/** A syntax error, reported as powershell.exe reports parser errors (ParserError, exit 1, nothing runs). */
final class ParseException extends RuntimeException {

    private final int offset;
    private final String errorId;

    ParseException(int offset, String message, String errorId) {
        super(message, null, false, false);
        this.offset = offset;
        this.errorId = errorId;
    }

    int offset() {
        return offset;
    }

    String errorId() {
        return errorId;
    }
}
