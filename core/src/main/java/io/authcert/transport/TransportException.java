package io.authcert.transport;

/**
 * A script could not be run, or its outcome is unknown. The {@link Kind} tells the engine what it may
 * do next: only {@link Kind#UNREACHABLE} and {@link Kind#AUTHENTICATION} guarantee the command never ran.
 */
public class TransportException extends Exception {

    public enum Kind {
        /** No connection could be made (refused, no route, DNS, TLS handshake): the command did not run. */
        UNREACHABLE,
        /** The server refused the credentials: the command did not run. */
        AUTHENTICATION,
        /** The command did not finish within the timeout: it may still be running. */
        TIMED_OUT,
        /** The command was sent but its response never arrived: it may or may not have run. */
        RESPONSE_LOST,
        /** The server answered with a protocol-level fault. */
        PROTOCOL,
        /** The inventory asks for something this transport cannot do (say, NTLM): nothing was sent. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String host;

    public TransportException(Kind kind, String host, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.host = host;
    }

    public TransportException(Kind kind, String host, String message) {
        this(kind, host, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    /** True when the command certainly did not run, so trying again cannot run it twice. */
    public boolean commandDidNotRun() {
        return kind == Kind.UNREACHABLE || kind == Kind.AUTHENTICATION || kind == Kind.UNSUPPORTED;
    }
}
