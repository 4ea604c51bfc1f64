package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.authcert.inventory.InventoryHost;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwaHealthChecksTest {

    @Test
    void probesOnlyHostsWithAUrlAndKeepsInventoryOrder() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/owa/healthcheck.htm", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/owa/healthcheck.htm";
            List<InventoryHost> hosts = List.of(
                    new InventoryHost("ex01", Map.of(OwaHealth.URL_VAR, url)),
                    new InventoryHost("ex02", Map.of()),
                    new InventoryHost("ex03", Map.of(OwaHealth.URL_VAR, url)));

            Map<String, OwaHealth> health = new OwaHealthChecks(new HttpOwaHealthProbe(), Duration.ofSeconds(5)).check(hosts, 2);

            assertThat(health.keySet()).containsExactly("ex01", "ex02", "ex03");
            assertThat(health.get("ex01").shortForm()).isEqualTo("HTTP 500");
            assertThat(health.get("ex02").status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
            assertThat(health.get("ex03").url()).isEqualTo(url);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theCaFileIsTheOwaOneElseTheWinRmOne() {
        assertThat(OwaHealthChecks.caTrust(new InventoryHost("a", Map.of(
                "ansible_winrm_ca_trust_path", "/etc/winrm-ca.pem", OwaHealth.CA_TRUST_VAR, "/etc/owa-ca.pem"))))
                .isEqualTo(Path.of("/etc/owa-ca.pem"));
        assertThat(OwaHealthChecks.caTrust(new InventoryHost("b", Map.of("ansible_winrm_ca_trust_path", "/etc/winrm-ca.pem"))))
                .isEqualTo(Path.of("/etc/winrm-ca.pem"));
        assertThat(OwaHealthChecks.caTrust(new InventoryHost("c", Map.of()))).isNull();
    }

    @Test
    void anUnreadableCaFileIsReportedAsUnreachableNotThrown() {
        OwaHealth h = new HttpOwaHealthProbe().probe("https://127.0.0.1:1/owa/healthcheck.htm", Duration.ofSeconds(2),
                Path.of("/nonexistent/ca.pem"));

        assertThat(h.status()).isEqualTo(OwaHealth.Status.UNREACHABLE);
        assertThat(h.detail()).startsWith("cannot use CA file /nonexistent/ca.pem");
    }
}
