package io.authcert.transport.winrm;

import io.authcert.security.kerberos.KerberosSealer;
import io.authcert.security.ntlm.NtlmServer;
import io.authcert.security.ntlm.NtlmTarget;
import io.authcert.security.wsman.EncryptedBody;
import io.authcert.security.wsman.MessageSealer;
import io.authcert.testing.GssHandshake;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;

/**
 * A minimal WinRM listener for client tests that must see the wire: it counts TCP connections,
 * requests and 401s, speaks Basic, NTLM with MS-WSMV encryption, or Kerberos (a JGSS acceptor per
 * connection, its AP-REP on the 200 as HTTP.sys sends it, bodies sealed when the client seals them),
 * and records the bodies as they travelled. Its one command prints "x" and exits 0, after
 * {@code timedOutFirst} w:TimedOut faults.
 */
final class CountingWinRmServer implements AutoCloseable {

    /** KERBEROS takes Kerberos tokens only; NEGOTIATE takes Kerberos or NTLM, by the token. */
    enum Auth { BASIC, NTLM_ENCRYPTED, KERBEROS, NEGOTIATE }

    private static final String ENV = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
            + " xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\"><s:Header/><s:Body>";
    private static final String END = "</s:Body></s:Envelope>";

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();
    final Map<String, AtomicInteger> actions = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> wireBodies = new CopyOnWriteArrayList<>();
    final AtomicInteger timedOutFirst = new AtomicInteger();
    /** Answers the next Command(s) with w:InvalidSelectors, as a server that lost its shells does. */
    final AtomicInteger forgetShells = new AtomicInteger();
    /** Requests that carried an Authorization header. */
    final AtomicInteger authorizations = new AtomicInteger();
    /** The Kerberos client of each authenticated connection. */
    final List<String> kerberosClients = new CopyOnWriteArrayList<>();
    /** Leaves the AP-REP out of the 200, as a server that cannot prove who it is would. */
    final AtomicBoolean withholdMutualToken = new AtomicBoolean();

    private final Auth auth;
    private final Subject service;
    private final ServerSocket server;
    private final Thread acceptor;

    CountingWinRmServer(Auth auth) throws IOException {
        this(auth, null);
    }

    /** @param service the acceptor's Subject (its HTTP/host keytab) for KERBEROS and NEGOTIATE */
    CountingWinRmServer(Auth auth, Subject service) throws IOException {
        this.auth = auth;
        this.service = service;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "counting-winrm");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int count(String action) {
        return actions.getOrDefault(action, new AtomicInteger()).get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "counting-winrm-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        NtlmServer ntlm = new NtlmServer((domain, user) -> "svc".equalsIgnoreCase(user) || "svc@CONTOSO.COM".equals(user)
                ? Optional.of("Passw0rd!".toCharArray()) : Optional.empty(),
                new NtlmTarget("CONTOSO", "EX01", "contoso.com", "ex01.contoso.com"));
        MessageSealer session = null;
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            while (true) {
                Map<String, String> headers = new HashMap<>();
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).toLowerCase(Locale.ROOT), h.substring(c + 1).strip());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                requests.incrementAndGet();
                wireBodies.add(new String(body, StandardCharsets.ISO_8859_1));
                String authorization = headers.getOrDefault("authorization", "");
                if (!authorization.isEmpty()) {
                    authorizations.incrementAndGet();
                }
                String mutual = "";
                if (auth == Auth.BASIC) {
                    String expected = "Basic " + Base64.getEncoder().encodeToString("svc:Passw0rd!".getBytes(StandardCharsets.UTF_8));
                    if (!authorization.equals(expected)) {
                        reply(out, 401, "WWW-Authenticate: Basic realm=\"WSMAN\"\r\n", null, new byte[0]);
                        continue;
                    }
                } else if (authorization.startsWith("Negotiate ")) {
                    byte[] token = Base64.getDecoder().decode(authorization.substring(10));
                    if (token.length > 0 && token[0] == 0x60 && service != null) {
                        GSSContext kerberos;
                        byte[] apRep;
                        try {
                            GSSContext accepting = GssHandshake.acceptor(service);
                            apRep = GssHandshake.as(service, () -> accepting.acceptSecContext(token, 0, token.length));
                            kerberosClients.add(accepting.getSrcName().toString());
                            kerberos = accepting;
                        } catch (Exception refused) {
                            reply(out, 401, "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: Kerberos\r\n", null, new byte[0]);
                            continue;
                        }
                        session = new KerberosSealer(kerberos);
                        mutual = withholdMutualToken.get() ? ""
                                : "WWW-Authenticate: Negotiate " + Base64.getEncoder().encodeToString(apRep) + "\r\n";
                        if (body.length == 0) {
                            reply(out, 200, mutual, null, new byte[0]);
                            continue;
                        }
                    } else if (auth == Auth.KERBEROS) {
                        reply(out, 401, "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: Kerberos\r\n", null, new byte[0]);
                        continue;
                    } else {
                        if (session == null && token.length > 12 && token[8] == 1) {
                            byte[] challenge = ntlm.challenge(token);
                            reply(out, 401, "WWW-Authenticate: Negotiate " + Base64.getEncoder().encodeToString(challenge)
                                    + "\r\n", null, new byte[0]);
                            continue;
                        }
                        try {
                            session = ntlm.authenticate(token).session();
                        } catch (io.authcert.security.ntlm.NtlmException e) {
                            reply(out, 401, "WWW-Authenticate: Negotiate\r\n", null, new byte[0]);
                            continue;
                        }
                        if (body.length == 0) {
                            reply(out, 200, "", null, new byte[0]);
                            continue;
                        }
                    }
                } else if (session == null) {
                    reply(out, 401, "WWW-Authenticate: Negotiate\r\n", null, new byte[0]);
                    continue;
                }
                boolean sealed = EncryptedBody.isEncrypted(headers.get("content-type"));
                byte[] soap = sealed ? EncryptedBody.decode(session, body) : body;
                Answer a = answer(new String(soap, StandardCharsets.UTF_8));
                byte[] bytes = a.xml().getBytes(StandardCharsets.UTF_8);
                if (sealed) {
                    reply(out, a.status(), mutual, EncryptedBody.CONTENT_TYPE, EncryptedBody.encode(session, bytes));
                } else {
                    reply(out, a.status(), mutual, "application/soap+xml;charset=UTF-8", bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent something this small server does not read: drop the connection
        }
    }

    private record Answer(int status, String xml) {
    }

    private Answer answer(String soap) {
        String action = soap.replaceAll("(?s).*<a:Action[^>]*>([^<]*)</a:Action>.*", "$1");
        String name = action.substring(action.lastIndexOf('/') + 1);
        actions.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        return switch (name) {
            case "Create" -> new Answer(200, ENV + "<w:SelectorSet><w:Selector Name=\"ShellId\">S1</w:Selector>"
                    + "</w:SelectorSet>" + END);
            case "Command" -> forgetShells.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? new Answer(500, ENV + "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>"
                    + "w:InvalidSelectors</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">no shell"
                    + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\""
                    + " Code=\"2150858843\" Machine=\"ex01\"/></s:Detail></s:Fault>" + END)
                    : new Answer(200, ENV + "<rsp:CommandResponse><rsp:CommandId>C1</rsp:CommandId>"
                    + "</rsp:CommandResponse>" + END);
            case "Receive" -> timedOutFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? new Answer(500, ENV + "<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>"
                    + "w:TimedOut</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">timed out"
                    + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\""
                    + " Code=\"2150858793\" Machine=\"ex01\"/></s:Detail></s:Fault>" + END)
                    : new Answer(200, ENV + "<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\" CommandId=\"C1\">eA0K"
                    + "</rsp:Stream><rsp:CommandState CommandId=\"C1\" State=\"http://schemas.microsoft.com/wbem/"
                    + "wsman/1/windows/shell/CommandState/Done\"><rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState>"
                    + "</rsp:ReceiveResponse>" + END);
            default -> new Answer(200, ENV + END);
        };
    }

    private void reply(OutputStream out, int status, String extraHeaders, String type, byte[] body) throws IOException {
        if (status == 401) {
            unauthorized.incrementAndGet();
        }
        String head = "HTTP/1.1 " + status + " X\r\n" + extraHeaders + (type == null ? "" : "Content-Type: " + type + "\r\n")
                + "Content-Length: " + body.length + "\r\nServer: Microsoft-HTTPAPI/2.0\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

}
