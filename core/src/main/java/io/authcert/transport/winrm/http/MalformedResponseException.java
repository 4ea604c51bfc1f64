package io.authcert.transport.winrm.http;

import java.io.IOException;

/** An answer that is not HTTP or not well-formed WS-Management, told apart from a lost answer. */
public final class MalformedResponseException extends IOException {

    public MalformedResponseException(String message) {
        super(message);
    }
}
