package io.authcert.lab.wsman;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.SimulatedHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Element;

/**
 * One simulated server's WS-Management endpoint: {@code /wsman} (Windows Remote Shell over SOAP,
 * Basic authentication) and the OWA/ECP health pages, on its own port of 127.0.0.1. Commands run on
 * the lab's shared command pool through {@link SimulatedHost#execute}.
 */
public final class WsmanEndpoint {

    static final String PATH = "/wsman";
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";
    private static final int ENVELOPE_OVERHEAD = 2048;

    private final SimulatedHost host;
    private final BasicCredentials credentials;
    private final SSLContext tls;
    private final Executor httpPool;
    private final Executor commandPool;
    private final Map<String, Map<String, RemoteCommand>> shells = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private volatile int port;

    WsmanEndpoint(SimulatedHost host, BasicCredentials credentials, SSLContext tls, Executor httpPool,
                  Executor commandPool) {
        this.host = host;
        this.credentials = credentials;
        this.tls = tls;
        this.httpPool = httpPool;
        this.commandPool = commandPool;
    }

    public SimulatedHost host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean https() {
        return tls != null;
    }

    /** {@code http[s]://127.0.0.1:PORT/wsman}. */
    public String url() {
        return (tls != null ? "https" : "http") + "://127.0.0.1:" + port + PATH;
    }

    /** Starts listening on {@code requestedPort} (0: any free port). */
    synchronized void start(int requestedPort) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
        HttpServer s;
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 200);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            s = https;
        } else {
            s = HttpServer.create(address, 200);
        }
        s.setExecutor(httpPool);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    /** Stops listening (connections are refused) but keeps shells, so {@link #resume()} can continue. */
    synchronized void suspend() {
        HttpServer s = server;
        if (s != null) {
            server = null;
            s.stop(0);
        }
    }

    synchronized void resume() throws IOException {
        if (server == null) {
            start(port);
        }
    }

    boolean listening() {
        return server != null;
    }

    synchronized void stop() {
        suspend();
        shells.values().forEach(commands -> commands.values().forEach(RemoteCommand::terminate));
        shells.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (host.faults().unreachable()) {
                throw new DroppedConnection();
            }
            String path = exchange.getRequestURI().getPath();
            if (PATH.equalsIgnoreCase(path)) {
                handleWsman(exchange);
            } else if ("GET".equals(exchange.getRequestMethod())) {
                handleHealth(exchange, path);
            } else {
                send(exchange, 404, "text/plain", "Not Found");
            }
        }
    }

    private void handleHealth(HttpExchange exchange, String path) throws IOException {
        SimulatedHost.HttpAnswer answer = host.health(path);
        if (answer == null) {
            send(exchange, 404, "text/html", "<html><body>404 Not Found</body></html>");
        } else {
            send(exchange, answer.status(), answer.contentType(), answer.body());
        }
    }

    private void handleWsman(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, "text/plain", "");
            return;
        }
        if (host.faults().rejectCredentials()
                || !credentials.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"WSMAN\"");
            exchange.getResponseHeaders().set("Server", "Microsoft-HTTPAPI/2.0");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!contentType.toLowerCase().startsWith("application/soap+xml")) {
            send(exchange, 415, "text/plain", "");
            return;
        }
        SoapRequest request;
        try {
            request = SoapRequest.parse(body);
        } catch (SoapRequest.BadRequest e) {
            soap(exchange, 400, SoapResponses.fault(null, "s:Sender", "w:SchemaValidationError", "2150858817",
                    host.name(), e.getMessage()));
            return;
        }
        Reply reply = dispatch(request);
        if (reply == null) {
            throw new DroppedConnection();
        }
        soap(exchange, reply.status(), reply.xml());
    }

    private record Reply(int status, String xml) {
        static Reply ok(String xml) {
            return new Reply(200, xml);
        }
    }

    /** Answers one request; null means the connection must be dropped without a response. */
    private Reply dispatch(SoapRequest r) {
        try {
            if (!Ns.RESOURCE_CMD.equals(r.resourceUri())) {
                return new Reply(500, SoapResponses.fault(r.messageId(), "s:Sender", "w:DestinationUnreachable",
                        "2150858770", host.name(), "The WS-Management service cannot process the request because the"
                                + " resource URI is not supported: " + r.resourceUri()));
            }
            return switch (r.action()) {
                case Ns.ACTION_CREATE -> createShell(r);
                case Ns.ACTION_COMMAND -> command(r);
                case Ns.ACTION_RECEIVE -> receive(r);
                case Ns.ACTION_SEND -> sendInput(r);
                case Ns.ACTION_SIGNAL -> signal(r);
                case Ns.ACTION_DELETE -> deleteShell(r);
                default -> new Reply(500, SoapResponses.fault(r.messageId(), "s:Sender", "a:ActionNotSupported",
                        "2150858787", host.name(), "The action is not supported by the service: " + r.action()));
            };
        } catch (SoapRequest.BadRequest e) {
            return new Reply(400, SoapResponses.fault(r.messageId(), "s:Sender", "w:SchemaValidationError",
                    "2150858817", host.name(), e.getMessage()));
        }
    }

    private Reply createShell(SoapRequest r) {
        String shellId = UUID.randomUUID().toString().toUpperCase();
        shells.put(shellId, new ConcurrentHashMap<>());
        return Reply.ok(SoapResponses.shellCreated(r.messageId(), url(), shellId));
    }

    private Reply deleteShell(SoapRequest r) {
        Map<String, RemoteCommand> commands = shells.remove(shellIdOf(r));
        if (commands == null) {
            return shellNotFound(r);
        }
        commands.values().forEach(RemoteCommand::terminate);
        return Reply.ok(SoapResponses.deleted(r.messageId()));
    }

    private Reply command(SoapRequest r) {
        Map<String, RemoteCommand> commands = shells.get(shellIdOf(r));
        if (commands == null) {
            return shellNotFound(r);
        }
        Element line = r.payload().filter(e -> Ns.SHELL.equals(e.getNamespaceURI())
                && "CommandLine".equals(e.getLocalName())).orElseThrow(() -> new SoapRequest.BadRequest(
                "the Command request has no rsp:CommandLine"));
        String command = SoapRequest.text(line, Ns.SHELL, "Command").orElse("");
        List<String> arguments = new ArrayList<>();
        for (Element a : SoapRequest.children(line, Ns.SHELL, "Arguments")) {
            arguments.add(a.getTextContent());
        }
        String full = CmdExeLine.join(command, arguments);
        RemoteCommand cmd = new RemoteCommand(UUID.randomUUID().toString().toUpperCase());
        commands.put(cmd.id(), cmd);
        if (CmdExeLine.tooLong(full)) {
            cmd.complete(CommandOutcome.of(new byte[0], CmdExeLine.TOO_LONG.getBytes(StandardCharsets.UTF_8), 1));
        } else {
            CmdExeLine parsed = CmdExeLine.parse(full);
            commandPool.execute(() -> {
                try {
                    cmd.complete(host.execute(parsed.program(), parsed.arguments(), cmd.stdin()));
                } catch (Throwable t) {
                    cmd.fail(t);
                }
            });
        }
        return Reply.ok(SoapResponses.commandStarted(r.messageId(), cmd.id()));
    }

    private Reply sendInput(SoapRequest r) {
        Map<String, RemoteCommand> commands = shells.get(shellIdOf(r));
        if (commands == null) {
            return shellNotFound(r);
        }
        Element send = r.payload().orElseThrow(() -> new SoapRequest.BadRequest("the Send request has no rsp:Send"));
        for (Element stream : SoapRequest.children(send, Ns.SHELL, "Stream")) {
            RemoteCommand cmd = commands.get(stream.getAttribute("CommandId"));
            if (cmd == null) {
                return commandNotFound(r, stream.getAttribute("CommandId"));
            }
            String text = stream.getTextContent().replaceAll("\\s", "");
            if (!text.isEmpty()) {
                cmd.stdin().write(Base64.getDecoder().decode(text));
            }
            if ("true".equalsIgnoreCase(stream.getAttribute("End"))) {
                cmd.stdin().end();
            }
        }
        return Reply.ok(SoapResponses.sent(r.messageId()));
    }

    private Reply signal(SoapRequest r) {
        Map<String, RemoteCommand> commands = shells.get(shellIdOf(r));
        if (commands == null) {
            return shellNotFound(r);
        }
        Element signal = r.payload().orElseThrow(() -> new SoapRequest.BadRequest("the Signal request has no rsp:Signal"));
        String commandId = signal.getAttribute("CommandId");
        RemoteCommand cmd = commands.get(commandId);
        if (cmd == null) {
            return commandNotFound(r, commandId);
        }
        String code = SoapRequest.text(signal, Ns.SHELL, "Code").orElse("");
        if (Ns.SIGNAL_TERMINATE.equals(code) || Ns.SIGNAL_CTRL_C.equals(code)) {
            cmd.terminate();
            commands.remove(commandId);
        }
        return Reply.ok(SoapResponses.signalled(r.messageId()));
    }

    private Reply receive(SoapRequest r) {
        Map<String, RemoteCommand> commands = shells.get(shellIdOf(r));
        if (commands == null) {
            return shellNotFound(r);
        }
        Element receive = r.payload().orElseThrow(() -> new SoapRequest.BadRequest("the Receive request has no rsp:Receive"));
        String commandId = SoapRequest.child(receive, Ns.SHELL, "DesiredStream")
                .map(e -> e.getAttribute("CommandId")).orElse("");
        RemoteCommand cmd = commands.get(commandId);
        if (cmd == null) {
            return commandNotFound(r, commandId);
        }
        CommandOutcome outcome;
        try {
            outcome = cmd.await(r.operationTimeout());
        } catch (ExecutionException e) {
            return new Reply(500, SoapResponses.fault(r.messageId(), "s:Receiver", "w:InternalError", "2147943418",
                    host.name(), "The simulated server failed while running the command: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (outcome == null) {
            return new Reply(500, SoapResponses.timedOut(r.messageId(), host.name()));
        }
        switch (outcome.disposition()) {
            case FAULT_500 -> {
                return new Reply(500, SoapResponses.fault(r.messageId(), "s:Receiver", "w:InternalError",
                        "2147943418", host.name(), "The WS-Management service cannot process the request."
                                + " An internal error occurred while the command ran."));
            }
            case LOSE_RESPONSE -> {
                return null;
            }
            default -> {
                int maxBytes = Math.max(1024, (r.maxEnvelopeSize() - ENVELOPE_OVERHEAD) * 3 / 4);
                RemoteCommand.Chunk chunk = cmd.nextChunk(outcome, maxBytes);
                return Reply.ok(SoapResponses.received(r.messageId(), commandId, chunk.stdoutBase64(),
                        chunk.stderrBase64(), chunk.done(), outcome.exitCode()));
            }
        }
    }

    private static String shellIdOf(SoapRequest r) {
        if (r.shellId() == null) {
            throw new SoapRequest.BadRequest("the request has no ShellId selector");
        }
        return r.shellId();
    }

    private Reply shellNotFound(SoapRequest r) {
        return new Reply(500, SoapResponses.fault(r.messageId(), "s:Sender", "w:InvalidSelectors", "2150858843",
                host.name(), "The request for the Windows Remote Shell with ShellId " + r.shellId()
                        + " failed because the shell was not found on the server. Possible causes are: the"
                        + " specified ShellId is incorrect or the shell no longer exists on the server."));
    }

    private Reply commandNotFound(SoapRequest r, String commandId) {
        return new Reply(500, SoapResponses.fault(r.messageId(), "s:Sender", "w:InvalidSelectors", "2150858843",
                host.name(), "The Windows Remote Shell received a request for a command with CommandId "
                        + commandId + " that is not running in the shell."));
    }

    private static void soap(HttpExchange exchange, int status, String xml) throws IOException {
        send(exchange, status, SOAP_CONTENT_TYPE, xml);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Server", "Microsoft-HTTPAPI/2.0");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Thrown out of the handler so the HTTP server closes the connection without a response. */
    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("connection dropped by the lab (simulated fault)", null, false, false);
        }
    }

}
