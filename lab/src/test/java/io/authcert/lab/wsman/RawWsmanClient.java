package io.authcert.lab.wsman;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal WinRM client for measuring the lab alone: one shared keep-alive HTTP client, Basic
 * credentials sent up front (as pywinrm does), Create, Command, Receive until Done, Delete.
 */
final class RawWsmanClient {

    private static final Pattern SHELL = Pattern.compile("Name=\"ShellId\">([^<]+)<");
    private static final Pattern COMMAND = Pattern.compile("<rsp:CommandId>([^<]+)<");
    private static final Pattern STDOUT = Pattern.compile("Name=\"stdout\" CommandId=\"[^\"]+\">([^<]+)<");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String auth;

    RawWsmanClient(String user, String password) {
        auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a PowerShell script with -EncodedCommand and returns its stdout. */
    String run(String url, String script) throws Exception {
        String shell = find(SHELL, post(url, envelope(Ns.ACTION_CREATE, null, "<r:Shell><r:InputStreams>stdin"
                + "</r:InputStreams><r:OutputStreams>stdout stderr</r:OutputStreams></r:Shell>")));
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        String command = find(COMMAND, post(url, envelope(Ns.ACTION_COMMAND, shell, "<r:CommandLine><r:Command>"
                + "powershell</r:Command><r:Arguments>-EncodedCommand " + encoded + "</r:Arguments></r:CommandLine>")));
        StringBuilder out = new StringBuilder();
        while (true) {
            String body = post(url, envelope(Ns.ACTION_RECEIVE, shell, "<r:Receive><r:DesiredStream CommandId=\""
                    + command + "\">stdout stderr</r:DesiredStream></r:Receive>"));
            Matcher m = STDOUT.matcher(body);
            while (m.find()) {
                out.append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
            }
            if (body.contains("CommandState/Done")) {
                break;
            }
        }
        post(url, envelope(Ns.ACTION_DELETE, shell, ""));
        return out.toString();
    }

    private String post(String url, String xml) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/soap+xml;charset=UTF-8").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }

    private static String envelope(String action, String shellId, String body) {
        return "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\" xmlns:a=\"" + Ns.ADDRESSING + "\" xmlns:w=\"" + Ns.WSMAN
                + "\" xmlns:r=\"" + Ns.SHELL + "\"><s:Header><a:MessageID>uuid:" + java.util.UUID.randomUUID()
                + "</a:MessageID><w:ResourceURI>" + Ns.RESOURCE_CMD + "</w:ResourceURI><a:Action>" + action
                + "</a:Action><w:OperationTimeout>PT60S</w:OperationTimeout>"
                + (shellId == null ? "" : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId
                + "</w:Selector></w:SelectorSet>") + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }
}
