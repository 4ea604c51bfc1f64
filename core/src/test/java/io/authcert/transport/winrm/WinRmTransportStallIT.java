package io.authcert.transport.winrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server that stops answering in the middle of a command: the transport gives up at its timeouts. */
class WinRmTransportStallIT {

    @Test
    void aServerThatStopsAnsweringMidCommandDoesNotHangTheEngine() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        try {
            WinRmTransportHttpFaultsTest.commandStarts(server);
            server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Receive"))
                    .willReturn(aResponse().withFixedDelay(60_000).withStatus(200)));
            var target = new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1",
                    "ansible_port", server.port(), "ansible_winrm_scheme", "http", "ansible_user", "u",
                    "ansible_password", Secret.of("p"), "ansible_winrm_operation_timeout_sec", 1,
                    "ansible_winrm_read_timeout_sec", 2, TargetResolver.ALLOW_BASIC_OVER_HTTP, true));
            // The socket waits the operation timeout plus 5 s for a Receive, then gives up.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> new WinRmTransport().run(target, "Write-Output 'x'\n", Duration.ofMinutes(5)))
                            .isInstanceOfSatisfying(TransportException.class, e -> {
                                assertThat(e.kind()).isEqualTo(Kind.TIMED_OUT);
                                assertThat(e.getMessage()).contains("no answer", "Receive", "read_timeout");
                            }));
        } finally {
            server.stop();
        }
    }
}
