package io.authcert.facts;

/** Output or a captured file could not be read as facts; the message is one plain line for the user. */
public class FactsParseException extends Exception {

    public FactsParseException(String message) {
        super(message);
    }

    public FactsParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
