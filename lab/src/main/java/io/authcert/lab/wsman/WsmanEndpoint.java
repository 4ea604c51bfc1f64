package io.authcert.lab.wsman;

import io.authcert.lab.Caller;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.SimulatedHost;
import io.authcert.security.wsman.EncryptedBody;
import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.MessageSealer;
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
 * One simulated server's WS-Management endpoint: {@code /wsman} (Windows Remote Shell over SOAP; Basic,
 * or Negotiate/NTLM and Kerberos with MS-WSMV message encryption, as its {@link WinRmConfig} allows) and the
 * OWA/ECP health pages, on its own port of 127.0.0.1. Commands run on the lab's shared command pool through
 * {@link SimulatedHost#execute}.
 */
public final class WsmanEndpoint {

    static final String PATH = "/wsman";
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";
    private static final int ENVELOPE_OVERHEAD = 2048;

    private final SimulatedHost host;
    private final BasicCredentials credentials;
    private final LabAccounts accounts;
    private final WinRmConfig config;
    private final NegotiateState negotiate;
    private final LogonLog logons = new LogonLog();
    private final WireLog wire;
    private final RequestLog requests;
    private final SSLContext tls;
    private final Executor httpPool;
    private final Executor commandPool;
    private final Map<String, Map<String, RemoteCommand>> shells = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private volatile int port;

    /**
     * @param kerberos this server's Kerberos acceptor, null when the lab has no Kerberos settings
     * @param requests where to log every request answered, null for nowhere
     * @param tls      null for plain HTTP
     */
    WsmanEndpoint(SimulatedHost host, BasicCredentials credentials, WinRmConfig config, LabAccounts accounts,
                  KerberosAcceptor kerberos, String realm, WireLog wire, RequestLog requests, LabTls tls,
                  Executor httpPool, Executor commandPool) {
        this.host = host;
        this.credentials = credentials;
        this.accounts = accounts;
        this.config = config;
        this.negotiate = new NegotiateState(host.name(), config, accounts, kerberos, realm,
                tls == null ? null : tls.channelBindings(), logons, () -> host.faults().kerberosTicketsExpiredBefore());
        this.wire = wire;
        this.requests = requests;
        this.tls = tls == null ? null : tls.serverContext();
        this.httpPool = httpPool;
        this.commandPool = commandPool;
    }

    public SimulatedHost host() {
        return host;
    }

    public int port() {
        return port;
    }

    public WinRmConfig config() {
        return config;
    }

    public boolean https() {
        return tls != null;
    }

    /** The latest logon attempts (Negotiate and Kerberos) on this server, oldest first. */
    public List<LogonEvent> logons() {
        return logons.events();
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
            } else if ("POST".equals(exchange.getRequestMethod())) {
                handleSignIn(exchange, path);
            } else {
                send(exchange, 404, "text/plain", "Not Found");
            }
        } catch (DroppedConnection dropped) {
            logRequest(exchange, 0);
            throw dropped;
        }
    }

    private void logRequest(HttpExchange exchange, int status) {
        if (requests != null) {
            requests.record(new RequestLog.Entry(java.time.Instant.now(), host.name(),
                    exchange.getRemoteAddress().getHostString() + ":" + exchange.getRemoteAddress().getPort(),
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    RequestLog.scheme(exchange.getRequestHeaders().getFirst("Authorization")), status));
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

    /**
     * Whether a sign-in form names a domain account (DOMAIN\\user or user@domain; a mailbox needs one, a
     * local account has none) with its password.
     */
    private boolean mailboxUser(String user, String password) {
        int slash = user.indexOf('\\');
        Optional<LabAccounts.Account> account = slash > 0
                ? accounts.resolve(host.name(), user.substring(0, slash), user.substring(slash + 1))
                : accounts.resolve(host.name(), null, user);
        return account.filter(a -> accounts.domainUsers().contains(a))
                .map(a -> java.security.MessageDigest.isEqual(a.password().getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /** OWA's forms-based sign-in ({@code POST /owa/auth.owa}), answered by the simulated server. */
    private void handleSignIn(HttpExchange exchange, String path) throws IOException {
        Map<String, String> form = FormFields.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = form.getOrDefault("username", "");
        String password = form.getOrDefault("password", "");
        boolean accepted = mailboxUser(user, password);
        SimulatedHost.HttpAnswer answer = host.signIn(path, form, accepted);
        if (answer == null) {
            send(exchange, 404, "text/html", "<html><body>404 Not Found</body></html>");
            return;
        }
        answer.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private void handleWsman(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        InetSocketAddress peer = exchange.getRemoteAddress();
        if (wire != null) {
            wire.request(peer, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, "text/plain", "");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        // Credentials refused: a real server still answers NTLM's NEGOTIATE with a CHALLENGE (it cannot judge
        // before the AUTHENTICATE), then refuses with 401, as for a wrong password.
        boolean rejecting = host.faults().rejectCredentials();
        if (rejecting && !startsWith(authorization, "Negotiate ")) {
            negotiate.drop(peer);
            unauthorized(exchange);
            return;
        }
        AuthenticatedConnection session = null;
        Caller caller = null;
        if (startsWith(authorization, "Basic ")) {
            if (!config.basic() || !credentials.accepts(authorization)) {
                unauthorized(exchange);
                return;
            }
            caller = basicCaller();
        } else if (startsWith(authorization, "Negotiate ") || startsWith(authorization, "Kerberos ")) {
            String scheme = authorization.substring(0, authorization.indexOf(' '));
            NegotiateState.Step step = negotiate.step(peer, authorization);
            if (step.continuation() != null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", scheme + " " + step.continuation());
                respond(exchange, 401, new byte[0]);
                return;
            }
            if (step.refused() || rejecting) {
                negotiate.drop(peer);
                unauthorized(exchange);
                return;
            }
            session = step.connection();
            if (step.reply() != null) {
                // Mutual authentication: the AP-REP travels on the answer to the request that logged on,
                // under the scheme the client used (RFC 4559 4.2; requests_kerberos looks for it there).
                exchange.getResponseHeaders().set("WWW-Authenticate", scheme + " " + step.reply());
            }
        } else if (authorization == null && negotiate.connection(peer) != null) {
            session = negotiate.connection(peer);
            if (negotiate.expired(peer, session)) {
                // The ticket behind this connection's logon expired: the request is refused before anything of it
                // is processed, with the challenges, and the connection must authenticate again.
                unauthorized(exchange);
                return;
            }
        } else {
            unauthorized(exchange);
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String protocol = EncryptedBody.protocolOf(contentType);
        boolean encrypted = protocol != null;
        if (encrypted) {
            if (session == null || session.sealer() == null) {
                unauthorized(exchange);
                return;
            }
            try {
                body = EncryptedBody.decode(session.sealer(), body);
            } catch (MessageIntegrityException e) {
                negotiate.drop(peer);
                unauthorized(exchange);
                return;
            }
        } else if (body.length > 0 && tls == null && !config.allowUnencrypted()) {
            // AllowUnencrypted=false: Basic over HTTP is refused (401); an authenticated Negotiate or Kerberos
            // connection sending plain SOAP gets 500, as pywinrm issues #129 and #208 report from real servers.
            if (session == null) {
                unauthorized(exchange);
            } else {
                respond(exchange, 500, new byte[0]);
            }
            return;
        }
        if (session != null && body.length == 0) {
            respond(exchange, 200, new byte[0]);
            return;
        }
        if (!encrypted && !contentType.toLowerCase().startsWith("application/soap+xml")) {
            send(exchange, 415, "text/plain", "");
            return;
        }
        MessageSealer sealer = encrypted ? session.sealer() : null;
        SoapRequest request;
        try {
            request = SoapRequest.parse(body);
        } catch (SoapRequest.BadRequest e) {
            soap(exchange, sealer, protocol, 400, SoapResponses.fault(null, "s:Sender", "w:SchemaValidationError",
                    "2150858817", host.name(), e.getMessage()));
            return;
        }
        if (session != null) {
            caller = callerOf(session.logon());
        }
        Reply reply = dispatch(request, caller);
        if (reply == null) {
            throw new DroppedConnection();
        }
        soap(exchange, sealer, protocol, reply.status(), reply.xml());
    }

    private static boolean startsWith(String header, String scheme) {
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    /** 401 with one WWW-Authenticate per scheme the server's configuration offers. */
    private void unauthorized(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().remove("WWW-Authenticate");
        for (String challenge : config.challenges()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
        }
        respond(exchange, 401, new byte[0]);
    }

    private record Reply(int status, String xml) {
        static Reply ok(String xml) {
            return new Reply(200, xml);
        }
    }

    /** Answers one request; null means the connection must be dropped without a response. */
    /**
     * Who a logon runs commands as: the account with its groups, and whether it can reach Active Directory
     * from the server (a delegated Kerberos ticket; NTLM and Kerberos without delegation cannot).
     */
    private Caller callerOf(Logon logon) {
        String account = logon.account();
        int slash = account.indexOf('\\');
        String domain = slash > 0 ? account.substring(0, slash) : null;
        String user = slash > 0 ? account.substring(slash + 1) : account;
        Optional<LabAccounts.Account> known = accounts.resolve(host.name(), domain, user);
        boolean domainAccount = known.map(a -> a.domain() != null).orElse(false);
        return new Caller(account, known.map(LabAccounts.Account::groups).orElse(List.of()), domainAccount,
                logon.delegated());
    }

    /** A Basic logon: a local account logged on with its clear-text password, so it holds credentials. */
    private Caller basicCaller() {
        return new Caller(host.name().toUpperCase(java.util.Locale.ROOT) + "\\" + credentials.user(),
                List.of("Administrators"), false, true);
    }

    private Reply dispatch(SoapRequest r, Caller caller) {
        try {
            if (!Ns.RESOURCE_CMD.equals(r.resourceUri())) {
                return new Reply(500, SoapResponses.fault(r.messageId(), "s:Sender", "w:DestinationUnreachable",
                        "2150858770", host.name(), "The WS-Management service cannot process the request because the"
                                + " resource URI is not supported: " + r.resourceUri()));
            }
            return switch (r.action()) {
                case Ns.ACTION_CREATE -> createShell(r);
                case Ns.ACTION_COMMAND -> command(r, caller);
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

    private Reply command(SoapRequest r, Caller caller) {
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
                    cmd.complete(host.execute(caller, parsed.program(), parsed.arguments(), cmd.stdin()));
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

    /** A SOAP reply, sealed and framed (MS-WSMV 2.2.9.1) under the request's protocol when the request was. */
    private void soap(HttpExchange exchange, MessageSealer sealer, String protocol, int status, String xml)
            throws IOException {
        if (sealer == null) {
            send(exchange, status, SOAP_CONTENT_TYPE, xml);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", EncryptedBody.contentType(protocol));
        respond(exchange, status, EncryptedBody.encode(sealer, xml.getBytes(StandardCharsets.UTF_8), protocol));
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Server", "Microsoft-HTTPAPI/2.0");
        if (wire != null) {
            wire.response(exchange.getRemoteAddress(), status, exchange.getResponseHeaders(), bytes);
        }
        logRequest(exchange, status);
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
