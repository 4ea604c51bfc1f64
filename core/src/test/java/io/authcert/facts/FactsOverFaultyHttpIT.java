package io.authcert.facts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.authcert.inventory.InventoryHost;
import io.authcert.transport.winrm.RetryPolicy;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP-level trouble the lab does not produce, through the real WinRM transport: a well-behaved
 * WS-Management endpoint beside one that sends malformed SOAP, one that truncates its answer, and
 * one that stops answering in the middle of the command. The faulty host fails in one line, within
 * its configured timeouts; the good host's facts still come back.
 */
class FactsOverFaultyHttpIT {

    private static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    private static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    private static final String SHELL_ID = "11111111-2222-3333-4444-555555555555";
    private static final String COMMAND_ID = "66666666-7777-8888-9999-000000000000";

    private WireMockServer good;
    private WireMockServer bad;

    @BeforeEach
    void start() throws Exception {
        good = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        bad = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        good.start();
        bad.start();
        stubShell(good);
        stubShell(bad);
        good.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Receive<")).atPriority(1)
                .willReturn(soap(received(GatherOutputParserTest.resource("iso-two-certs.json")))));
    }

    @AfterEach
    void stop() {
        good.stop();
        bad.stop();
    }

    /** Create, Command, Send, Signal and Delete answered as Windows does; Receive is up to each test. */
    private static void stubShell(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(TRANSFER + "/Create<")).atPriority(5)
                .willReturn(soap(envelope(TRANSFER + "/CreateResponse",
                        "<x:ResourceCreated><a:Address>http://127.0.0.1/wsman</a:Address><a:ReferenceParameters>"
                                + "<w:ResourceURI>" + SHELL + "/cmd</w:ResourceURI><w:SelectorSet><w:Selector Name=\"ShellId\">"
                                + SHELL_ID + "</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>"
                                + "<rsp:Shell><rsp:ShellId>" + SHELL_ID + "</rsp:ShellId></rsp:Shell>"))));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Command<")).atPriority(5)
                .willReturn(soap(envelope(SHELL + "/CommandResponse",
                        "<rsp:CommandResponse><rsp:CommandId>" + COMMAND_ID + "</rsp:CommandId></rsp:CommandResponse>"))));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Send<")).atPriority(5)
                .willReturn(soap(envelope(SHELL + "/SendResponse", "<rsp:SendResponse/>"))));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Signal<")).atPriority(5)
                .willReturn(soap(envelope(SHELL + "/SignalResponse", "<rsp:SignalResponse/>"))));
        server.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(TRANSFER + "/Delete<")).atPriority(5)
                .willReturn(soap(envelope(TRANSFER + "/DeleteResponse", ""))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder soap(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8").withBody(body);
    }

    private static String envelope(String action, String body) {
        return "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:x=\"" + TRANSFER + "\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:rsp=\"" + SHELL + "\">"
                + "<s:Header><a:Action>" + action + "</a:Action><a:MessageID>uuid:0</a:MessageID>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To></s:Header>"
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String received(String stdout) {
        String b64 = Base64.getEncoder().encodeToString(stdout.getBytes(StandardCharsets.UTF_8));
        return envelope(SHELL + "/ReceiveResponse", "<rsp:ReceiveResponse>"
                + "<rsp:Stream Name=\"stdout\" CommandId=\"" + COMMAND_ID + "\">" + b64 + "</rsp:Stream>"
                + "<rsp:Stream Name=\"stdout\" CommandId=\"" + COMMAND_ID + "\" End=\"true\"/>"
                + "<rsp:Stream Name=\"stderr\" CommandId=\"" + COMMAND_ID + "\" End=\"true\"/>"
                + "<rsp:CommandState CommandId=\"" + COMMAND_ID + "\" State=\"" + SHELL + "/CommandState/Done\">"
                + "<rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>");
    }

    private static InventoryHost host(String name, WireMockServer server) {
        return new InventoryHost(name, Map.of(
                "ansible_host", "127.0.0.1",
                "ansible_port", server.port(),
                "ansible_winrm_scheme", "http",
                "ansible_user", "labadmin",
                "ansible_password", Secret.of("not-a-real-password"),
                "ansible_winrm_operation_timeout_sec", 2,
                "ansible_winrm_read_timeout_sec", 4,
                // WireMock speaks Basic over plain HTTP, which the host opts in to explicitly
                TargetResolver.ALLOW_BASIC_OVER_HTTP, true));
    }

    /** Both hosts, through the real transport; the whole gathering must end well within the timeouts. */
    private Facts gather() {
        TargetResolver resolver = new TargetResolver();
        FactsGatherer gatherer = new FactsGatherer(new WinRmTransport(new RetryPolicy(2, Duration.ofMillis(50))),
                h -> resolver.resolve(h.name(), h.vars()), Clock.systemUTC(), Duration.ofSeconds(20));
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> gatherer.gather(List.of(host("ex01", good), host("ex02", bad)), 50));
    }

    private void assertGoodHostCameBack(Facts facts) {
        HostFacts ex01 = facts.hosts().get("ex01");
        assertThat(ex01.errors()).isEmpty();
        assertThat(ex01.authConfig().currentThumbprint()).isEqualTo("92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
        good.verify(1, postRequestedFor(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Command<")));
    }

    private static String oneLineError(Facts facts, String host) {
        List<String> errors = facts.hosts().get(host).errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).doesNotContain("\n").doesNotContain("not-a-real-password");
        assertThat(facts.hosts().get(host).reachable()).isFalse();
        return errors.get(0);
    }

    @Test
    void malformedSoapFailsThatHostInOneLine() {
        bad.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Receive<")).atPriority(1)
                .willReturn(soap("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                        + "<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\">!!not base64!!</rsp:Strea></s:Body>")));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("WinRM fault: ").contains("Receive request");
    }

    @Test
    void anHtmlPageInsteadOfSoapFailsThatHostInOneLine() {
        bad.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(TRANSFER + "/Create<")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Proxy login required</body></html>")));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("WinRM fault: ").contains("create a shell");
    }

    @Test
    void aTruncatedResponseFailsThatHostInOneLine() throws Exception {
        String full = received(GatherOutputParserTest.resource("iso-two-certs.json"));
        bad.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Receive<")).atPriority(1)
                .willReturn(soap(full.substring(0, full.length() / 2))));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("WinRM fault: ").contains("Receive request");
    }

    @Test
    void aConnectionCutInTheMiddleOfTheAnswerFailsThatHostInOneLine() {
        bad.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Receive<")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("response lost: ").contains("may or may not have run");
    }

    @Test
    void aServerThatStopsAnsweringMidCommandIsGivenUpAfterTheReadTimeout() {
        bad.stubFor(post(urlEqualTo("/wsman")).withRequestBody(containing(SHELL + "/Receive<")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(120_000)));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("timed out: no answer").contains("ansible_winrm_read_timeout_sec, 4 s");
    }

    @Test
    void aServiceUnavailableBeforeTheShellIsUnreachableAfterRetries() {
        bad.stubFor(any(urlEqualTo("/wsman")).atPriority(1).willReturn(aResponse().withStatus(503)));

        Facts facts = gather();

        assertGoodHostCameBack(facts);
        assertThat(oneLineError(facts, "ex02")).startsWith("unreachable: ").contains("503");
    }
}
