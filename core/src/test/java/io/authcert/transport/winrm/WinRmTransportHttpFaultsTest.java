package io.authcert.transport.winrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP-level trouble the lab does not produce: which failures are retried, and how they are named. */
class WinRmTransportHttpFaultsTest {

    private static final String SHELL_CREATED = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header/><s:Body><w:SelectorSet>"
            + "<w:Selector Name=\"ShellId\">S1</w:Selector></w:SelectorSet></s:Body></s:Envelope>";

    static final String COMMAND_STARTED = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\"><s:Header/><s:Body>"
            + "<rsp:CommandResponse><rsp:CommandId>C1</rsp:CommandId></rsp:CommandResponse></s:Body></s:Envelope>";

    /** The command's whole output, "x" and a line break, and exit code 0. */
    private static final String RECEIVED_X = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\"><s:Header/><s:Body>"
            + "<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\" CommandId=\"C1\">eA0K</rsp:Stream>"
            + "<rsp:Stream Name=\"stdout\" CommandId=\"C1\" End=\"true\"/>"
            + "<rsp:Stream Name=\"stderr\" CommandId=\"C1\" End=\"true\"/>"
            + "<rsp:CommandState CommandId=\"C1\" State=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done\">"
            + "<rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse></s:Body></s:Envelope>";

    private WireMockServer server;
    private final List<Long> sleeps = new ArrayList<>();
    private WinRmTransport transport;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        transport = new WinRmTransport(new RetryPolicy(3, Duration.ofMillis(100)), sleeps::add, Map.of());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** WireMock speaks Basic over plain HTTP, which the host opts in to explicitly. */
    private Target target() {
        return new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1", "ansible_port", server.port(),
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                TargetResolver.ALLOW_BASIC_OVER_HTTP, true));
    }

    @Test
    void a503BeforeTheShellExistsIsRetriedWithBackoff() {
        server.stubFor(post(urlEqualTo("/wsman")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> transport.run(target(), "Write-Output 'x'\n", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("503", "tried 3 times");
                });
        server.verify(3, postRequestedFor(urlEqualTo("/wsman")));
        assertThat(sleeps).containsExactly(100L, 200L);
    }

    @Test
    void aCreateShellConnectionClosedWithoutAnAnswerIsRetriedAndTheCommandThenRunsOnce() throws Exception {
        // No shell exists yet when the connection drops, so no command can have run: safe to try again.
        server.stubFor(post(urlEqualTo("/wsman")).inScenario("drop").whenScenarioStateIs(STARTED)
                .withRequestBody(containing("transfer/Create"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("dropped once"));
        server.stubFor(post(urlEqualTo("/wsman")).inScenario("drop").whenScenarioStateIs("dropped once")
                .withRequestBody(containing("transfer/Create"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(SHELL_CREATED)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(COMMAND_STARTED)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Receive"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(RECEIVED_X)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Delete"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(SHELL_CREATED)));

        CommandResult result = transport.run(target(), "Write-Output 'x'\n", Duration.ofSeconds(30));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("x\r\n");
        server.verify(2, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Create")));
        server.verify(1, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command")));
        assertThat(sleeps).as("the same backoff as a refused connection or a 503").containsExactly(100L);
    }

    @Test
    void aCreateShellConnectionThatKeepsClosingGivesUpAfterTheAttemptsAsUnreachable() {
        server.stubFor(post(urlEqualTo("/wsman")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> transport.run(target(), "Write-Output 'x'\n", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("before a shell existed", "tried 3 times");
                });
        server.verify(3, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Create")));
        server.verify(0, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command")));
        assertThat(sleeps).containsExactly(100L, 200L);
    }

    @Test
    void aFailureAfterTheCommandWasSentIsNeverRetried() {
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Create"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(SHELL_CREATED)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThatThrownBy(() -> transport.run(target(), "Write-Output 'x'\n", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RESPONSE_LOST);
                    assertThat(e.getMessage()).contains("may or may not have run");
                });
        server.verify(1, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command")));
        assertThat(sleeps).isEmpty();
    }

    /** Shell and command start normally; what the Receive gets is up to the test. */
    static void commandStarts(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Create"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(SHELL_CREATED)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Command"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(COMMAND_STARTED)));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Delete"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(SHELL_CREATED)));
    }

    @Test
    void aTruncatedReceiveIsALostResponseAndTheShellIsStillDeleted() {
        commandStarts(server);
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing("shell/Receive"))
                .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        assertThatThrownBy(() -> transport.run(target(), "Write-Output 'x'\n", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isIn(Kind.RESPONSE_LOST, Kind.PROTOCOL);
                    assertThat(e.commandDidNotRun()).isFalse();
                });
        server.verify(1, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("shell/Receive")));
        server.verify(1, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing("transfer/Delete")));
    }

    @Test
    void malformedSoapIsAProtocolErrorWithoutTheRequestInTheMessage() {
        server.stubFor(post(urlEqualTo("/wsman")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/soap+xml").withBody("<s:Envelope><unclosed>")));
        assertThatThrownBy(() -> transport.run(target(), "Write-Output 'secret-ish script'\n", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
                    assertThat(e.getMessage()).doesNotContain("secret-ish", "EncodedCommand");
                    assertThat(e.getCause()).isNull();
                });
    }
}
