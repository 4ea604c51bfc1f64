package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.Lab;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's answers at the HTTP and SOAP level, as a Windows WinRM service gives them (raw SOAP with Basic: the lab opts in to Basic over HTTP). */
class WsmanProtocolIT {

    private static final EchoHost HOST = new EchoHost("ex01");
    private static Lab lab;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(HOST), Lab.Options.http("u", "p").withBasicOverHttp());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static HttpResponse<String> post(String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lab.endpoint("ex01").url()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String action, String shellId, String timeout, String body) {
        return "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:q=\"" + Ns.ADDRESSING
                + "\" xmlns:m=\"" + Ns.WSMAN + "\" xmlns:r=\"" + Ns.SHELL + "\"><e:Header>"
                + "<q:MessageID>uuid:0000000" + action.length() + "</q:MessageID>"
                + "<m:ResourceURI>" + Ns.RESOURCE_CMD + "</m:ResourceURI><q:Action>" + action + "</q:Action>"
                + (timeout == null ? "" : "<m:OperationTimeout>" + timeout + "</m:OperationTimeout>")
                + (shellId == null ? "" : "<m:SelectorSet><m:Selector Name=\"ShellId\">" + shellId
                + "</m:Selector></m:SelectorSet>") + "</e:Header><e:Body>" + body + "</e:Body></e:Envelope>";
    }

    private static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    @Test
    void withoutCredentialsTheAnswerIsABasicChallenge() throws Exception {
        HttpResponse<String> r = post(request(Ns.ACTION_CREATE, null, null, ""), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"WSMAN\"");
    }

    @Test
    void aWholeExchangeEchoesMessageIdsAndEndsWithDone() throws Exception {
        HttpResponse<String> created = post(request(Ns.ACTION_CREATE, null, null,
                "<r:Shell><r:InputStreams>stdin</r:InputStreams><r:OutputStreams>stdout stderr</r:OutputStreams></r:Shell>"), AUTH);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/soap+xml;charset=UTF-8");
        assertThat(created.body()).contains("<a:RelatesTo>uuid:0000000" + Ns.ACTION_CREATE.length() + "</a:RelatesTo>");
        String shell = first("<w:Selector Name=\"ShellId\">([^<]+)<", created.body());

        HttpResponse<String> started = post(request(Ns.ACTION_COMMAND, shell, null,
                "<r:CommandLine><r:Command>powershell</r:Command><r:Arguments>-Command</r:Arguments>"
                        + "<r:Arguments>-</r:Arguments></r:CommandLine>"), AUTH);
        String command = first("<rsp:CommandId>([^<]+)<", started.body());

        String script = Base64.getEncoder().encodeToString("Write-Output 'piped'\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> sent = post(request(Ns.ACTION_SEND, shell, null, "<r:Send><r:Stream Name=\"stdin\" CommandId=\""
                + command + "\" End=\"true\">" + script + "</r:Stream></r:Send>"), AUTH);
        assertThat(sent.body()).contains("SendResponse");

        HttpResponse<String> received = post(request(Ns.ACTION_RECEIVE, shell, "PT5S",
                "<r:Receive><r:DesiredStream CommandId=\"" + command + "\">stdout stderr</r:DesiredStream></r:Receive>"), AUTH);
        assertThat(received.statusCode()).isEqualTo(200);
        String out = first("<rsp:Stream Name=\"stdout\" CommandId=\"" + command + "\">([^<]+)<", received.body());
        assertThat(new String(Base64.getDecoder().decode(out), StandardCharsets.UTF_8)).isEqualTo("piped\r\n");
        assertThat(received.body()).contains("End=\"true\"", "CommandState/Done", "<rsp:ExitCode>0</rsp:ExitCode>");

        assertThat(post(request(Ns.ACTION_SIGNAL, shell, null, "<r:Signal CommandId=\"" + command + "\"><r:Code>"
                + Ns.SIGNAL_TERMINATE + "</r:Code></r:Signal>"), AUTH).body()).contains("SignalResponse");
        assertThat(post(request(Ns.ACTION_DELETE, shell, null, ""), AUTH).body()).contains("DeleteResponse");
        HttpResponse<String> gone = post(request(Ns.ACTION_DELETE, shell, null, ""), AUTH);
        assertThat(gone.statusCode()).isEqualTo(500);
        assertThat(gone.body()).contains("w:InvalidSelectors", "Code=\"2150858843\"");
    }

    @Test
    void aReceiveWithoutOutputForTheOperationTimeoutIsTheTimedOutFault() throws Exception {
        String shell = first("<w:Selector Name=\"ShellId\">([^<]+)<",
                post(request(Ns.ACTION_CREATE, null, null, ""), AUTH).body());
        String command = first("<rsp:CommandId>([^<]+)<", post(request(Ns.ACTION_COMMAND, shell, null,
                "<r:CommandLine><r:Command>powershell</r:Command><r:Arguments>-Command -</r:Arguments></r:CommandLine>"),
                AUTH).body());
        HttpResponse<String> r = post(request(Ns.ACTION_RECEIVE, shell, "PT0.300S",
                "<r:Receive><r:DesiredStream CommandId=\"" + command + "\">stdout stderr</r:DesiredStream></r:Receive>"), AUTH);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("<s:Value>s:Receiver</s:Value>", "<s:Value>w:TimedOut</s:Value>",
                "Code=\"2150858793\"", "xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\"",
                "<a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>");
        post(request(Ns.ACTION_DELETE, shell, null, ""), AUTH);
    }

    @Test
    void unknownActionsAreFaults() throws Exception {
        HttpResponse<String> r = post(request("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", null, null, ""), AUTH);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("a:ActionNotSupported");
    }
}
