package io.authcert.transport.winrm.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** HTTP Basic sent with every request (as pywinrm does), so no request costs a 401 round trip. */
public final class BasicAuthenticator implements HttpAuthenticator {

    private final String header;

    public BasicAuthenticator(String user, String password) {
        header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> authorization() {
        return Optional.of(header);
    }

    @Override
    public boolean challenge(List<String> wwwAuthenticate) {
        return false;
    }

    @Override
    public void connectionOpened() {
        // nothing is bound to the connection
    }

    @Override
    public String toString() {
        return "Basic";
    }
}
