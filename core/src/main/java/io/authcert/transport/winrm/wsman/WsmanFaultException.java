package io.authcert.transport.winrm.wsman;

import io.authcert.transport.winrm.http.HttpStatusException;

/** A SOAP fault read from the response body, with Windows' WS-Management code so callers act on the code, not on timing. */
public final class WsmanFaultException extends HttpStatusException {

    /** A Receive saw no output within OperationTimeout ({@code w:TimedOut}): the command runs on, ask again. */
    public static final String TIMED_OUT = "2150858793";
    /** The shell or command is not known to the server ({@code w:InvalidSelectors}), e.g. an expired shell. */
    public static final String INVALID_SELECTORS = "2150858843";

    private final String code;
    private final String subcode;

    public WsmanFaultException(int status, String code, String subcode) {
        super(status, "WS-Management fault " + subcode + " (" + code + "), HTTP " + status);
        this.code = code;
        this.subcode = subcode;
    }

    /** The {@code WSManFault Code} attribute, or the empty string when the fault has none. */
    public String code() {
        return code;
    }

    public String subcode() {
        return subcode;
    }

    public boolean timedOut() {
        return TIMED_OUT.equals(code) || subcode.endsWith(":TimedOut") || subcode.equals("TimedOut");
    }

    public boolean invalidSelectors() {
        return INVALID_SELECTORS.equals(code);
    }
}
