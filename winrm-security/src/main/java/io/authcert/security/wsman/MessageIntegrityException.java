package io.authcert.security.wsman;

/** A sealed or framed message that fails its signature or its framing: treat the peer as unauthenticated. */
public class MessageIntegrityException extends SecurityException {

    private static final long serialVersionUID = 1L;

    public MessageIntegrityException(String message) {
        super(message);
    }
}
