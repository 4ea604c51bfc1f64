package io.authcert.transport.winrm.http;

import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where one WinRM listener is and how to reach it.
 *
 * @param tls null for plain HTTP; otherwise the factory of this host's trust
 * @param verifyHostName checks the certificate's names against {@code host} (off with Ansible's {@code ignore})
 */
public record HttpEndpoint(String host, int port, String path, SSLSocketFactory tls, boolean verifyHostName,
                           Duration connectTimeout, Duration readTimeout) {

    public String url() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls == null ? "http" : "https") + "://" + h + ":" + port + path;
    }

    /** The Host header's value. */
    String authority() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }
}
