package io.authcert.transport.winrm.http;

import java.io.IOException;

/** The server closed the connection before a single byte of an answer, which decides whether a retry is safe. */
public final class NoResponseException extends IOException {

    public NoResponseException() {
        super("the server closed the connection without an answer");
    }
}
