package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real (JDK) HTTP server on loopback. */
class HttpOwaHealthProbeTest {

    private HttpServer server;
    private final HttpOwaHealthProbe probe = new HttpOwaHealthProbe();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/owa/healthcheck.htm", ex -> {
            byte[] body = "<HTML><BODY>200 OK<BR/>ex1.contoso.local<BR/></BODY></HTML>".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/broken/healthcheck.htm", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.createContext("/loop/healthcheck.htm", ex -> {
            ex.getResponseHeaders().add("Location", "/owa/auth/logon.aspx");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void http200IsHealthy() {
        assertThat(probe.probe(url("/owa/healthcheck.htm"), Duration.ofSeconds(5)).status()).isEqualTo(OwaHealth.Status.HEALTHY);
    }

    @Test
    void http500IsUnhealthy() {
        OwaHealth h = probe.probe(url("/broken/healthcheck.htm"), Duration.ofSeconds(5));

        assertThat(h.status()).isEqualTo(OwaHealth.Status.UNHEALTHY);
        assertThat(h.shortForm()).isEqualTo("HTTP 500");
    }

    @Test
    void aRedirectToTheSignInPageIsNotHealth() {
        assertThat(probe.probe(url("/loop/healthcheck.htm"), Duration.ofSeconds(5)).detail()).isEqualTo("HTTP 302");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OwaHealth h = probe.probe("http://127.0.0.1:" + port + "/owa/healthcheck.htm", Duration.ofSeconds(5));

        assertThat(h.status()).isEqualTo(OwaHealth.Status.UNREACHABLE);
        assertThat(h.shortForm()).isEqualTo("unreachable");
    }

    @Test
    void noUrlIsNotConfigured() {
        assertThat(probe.probe(null, Duration.ofSeconds(1)).status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
        assertThat(probe.probe("ftp://x/", Duration.ofSeconds(1)).status()).isEqualTo(OwaHealth.Status.UNREACHABLE);
    }
}
