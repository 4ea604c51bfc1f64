package io.authcert.transport.winrm.wsman;

import io.authcert.transport.winrm.http.HttpConnection;
import io.authcert.transport.winrm.http.HttpResponse;
import io.authcert.transport.winrm.http.HttpStatusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends one WS-Management request over the host's connection and turns the answer into a document or a classified exception. */
final class WsmanClient {

    private final HttpConnection connection;

    WsmanClient(HttpConnection connection) {
        this.connection = connection;
    }

    HttpConnection connection() {
        return connection;
    }

    /**
     * The parsed answer of a 200; a SOAP fault in the body (whatever the status) becomes a
     * {@link WsmanFaultException}, another status an {@link HttpStatusException}.
     */
    SoapDocument call(String envelope) throws IOException {
        HttpResponse r = connection.post(envelope.getBytes(StandardCharsets.UTF_8));
        if (r.status() == 200) {
            SoapDocument doc = SoapDocument.parse(r.body());
            WsmanFaultException fault = doc.fault(200).orElse(null);
            if (fault != null) {
                throw fault;
            }
            return doc;
        }
        if (r.body().length > 0 && r.header("content-type").orElse("").contains("xml")) {
            SoapDocument doc;
            try {
                doc = SoapDocument.parse(r.body());
            } catch (IOException e) {
                throw new HttpStatusException(r.status(), "HTTP " + r.status());
            }
            WsmanFaultException fault = doc.fault(r.status()).orElse(null);
            if (fault != null) {
                throw fault;
            }
        }
        throw new HttpStatusException(r.status(), "HTTP " + r.status());
    }
}
