package io.authcert.transport.winrm.http;

import java.io.IOException;

/** A WS-Management request answered with an HTTP status other than 200, so failures can be classified by status. */
public class HttpStatusException extends IOException {

    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
