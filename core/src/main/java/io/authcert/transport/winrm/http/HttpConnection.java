package io.authcert.transport.winrm.http;

import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.wsman.EncryptedBody;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One persistent HTTP/1.1 connection to one WinRM listener, on a plain socket so that NTLM's
 * connection-bound authentication and sealing stay on the TCP connection they were made on.
 * Not thread-safe: one request at a time.
 */
public final class HttpConnection implements Closeable {

    /** Handshake legs before giving up (NTLM needs two 401s; Basic none). */
    private static final int MAX_AUTH_LEGS = 3;
    /** A connection idle for longer than this is checked for a close by the server before it is reused. */
    private static final long STALE_CHECK_AFTER_NANOS = 1_000_000_000L;

    private static final String SOAP_TYPE = "application/soap+xml;charset=UTF-8";

    private final HttpEndpoint endpoint;
    private final HttpAuthenticator authenticator;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsed;
    private int connectionsOpened;
    private int requestsSent;

    public HttpConnection(HttpEndpoint endpoint, HttpAuthenticator authenticator) {
        this.endpoint = endpoint;
        this.authenticator = authenticator;
    }

    public HttpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * POSTs a SOAP body and returns the answer, after meeting any authentication challenge; the body
     * is sealed and the answer unsealed when the authenticator encrypts messages.
     */
    public HttpResponse post(byte[] soap) throws IOException {
        try {
            ensureOpen();
            HttpResponse refused = handshake();
            if (refused != null) {
                return refused;
            }
            for (int leg = 0; ; leg++) {
                Optional<MessageSealing> sealing = authenticator.sealing();
                byte[] body = sealing.isPresent() ? sealing.get().seal(soap) : soap;
                String type = sealing.map(MessageSealing::contentType).orElse(SOAP_TYPE);
                write(body, type, authenticator.authorization());
                HttpResponse r = readResponse();
                if (r.status() == 401 && leg < MAX_AUTH_LEGS && authenticator.challenge(r.all("www-authenticate"))) {
                    // The server refused the request before processing it (a Kerberos ticket expired, say): the
                    // connection authenticates again, its empty-body handshake first where the scheme has one.
                    ensureOpen();
                    refused = handshake();
                    if (refused != null) {
                        return refused;
                    }
                    continue;
                }
                if (r.status() != 401) {
                    authenticator.answered(r);
                }
                Optional<MessageSealing> now = authenticator.sealing();
                return now.isEmpty() ? r : unsealed(r, now.get());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The answer with its body unsealed, and typed as what it now is: the SOAP of the sealed part's
     * OriginalContent (MS-WSMV 2.2.9.1). A Windows server seals its faults too, so a w:TimedOut under a
     * 500 must not keep the outer multipart/encrypted type, or it would read as a bare HTTP 500.
     */
    private static HttpResponse unsealed(HttpResponse r, MessageSealing sealing) throws IOException {
        String type = r.header("content-type").orElse("");
        if (!EncryptedBody.isEncrypted(type)) {
            return r;
        }
        byte[] plain = sealing.unseal(r.body(), type);
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.put("content-type", List.of(SOAP_TYPE));
        return new HttpResponse(r.status(), Map.copyOf(headers), plain);
    }

    /** The empty-body legs of a connection-bound handshake; the 401 (or other answer) if the server did not accept it. */
    private HttpResponse handshake() throws IOException {
        for (int leg = 0; authenticator.handshakePending(); leg++) {
            write(new byte[0], SOAP_TYPE, authenticator.authorization());
            HttpResponse r = readResponse();
            if (r.status() == 401) {
                if (leg < MAX_AUTH_LEGS && authenticator.challenge(r.all("www-authenticate")) && socket != null) {
                    continue;
                }
                return r;
            }
            authenticator.answered(r);
            if (authenticator.handshakePending() || socket == null) {
                return r;
            }
        }
        return null;
    }

    private HttpResponse readResponse() throws IOException {
        HttpResponseReader.Result result = HttpResponseReader.read(in, false);
        lastUsed = System.nanoTime();
        if (!result.keepAlive()) {
            close();
        }
        return result.response();
    }

    private void write(byte[] body, String contentType, Optional<String> authorization) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(endpoint.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.authority()).append("\r\n")
                .append("User-Agent: authcert WinRM client\r\n")
                .append("Connection: keep-alive\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        authorization.ifPresent(a -> head.append("Authorization: ").append(a).append("\r\n"));
        head.append("\r\n");
        out.write(HttpResponseReader.ascii(head.toString()));
        out.write(body);
        out.flush();
        requestsSent++;
    }

    private void ensureOpen() throws IOException {
        if (socket != null && System.nanoTime() - lastUsed > STALE_CHECK_AFTER_NANOS && closedByServer()) {
            close();
        }
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) endpoint.connectTimeout().toMillis());
            s.setSoTimeout((int) endpoint.readTimeout().toMillis());
            if (endpoint.tls() != null) {
                SSLSocket tls = (SSLSocket) endpoint.tls().createSocket(s, endpoint.host(), endpoint.port(), true);
                if (endpoint.verifyHostName()) {
                    SSLParameters p = tls.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(p);
                }
                tls.startHandshake();
                s = tls;
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        connectionsOpened++;
        authenticator.connectionOpened();
        if (s instanceof SSLSocket tls) {
            serverBindings(tls).ifPresent(authenticator::channelBindings);
        }
    }

    /**
     * The bindings of the certificate this connection's server presented (whether or not it was
     * validated: with validation off they are what lets a server notice a man-in-the-middle).
     */
    private static Optional<ChannelBindings> serverBindings(SSLSocket tls) throws IOException {
        Certificate[] chain = tls.getSession().getPeerCertificates();
        return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                ? ChannelBindings.tlsServerEndPoint(leaf) : Optional.empty();
    }

    /** True when the server has closed an idle connection (a read returns end of stream at once). */
    private boolean closedByServer() {
        try {
            socket.setSoTimeout(1);
            try {
                in.mark(1);
                int b = in.read();
                if (b >= 0) {
                    in.reset();
                    return false;
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout((int) endpoint.readTimeout().toMillis());
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** TCP connections opened so far (for the figures in docs/winrm.md and the keep-alive tests). */
    public int connectionsOpened() {
        return connectionsOpened;
    }

    /** HTTP requests written so far, 401 legs included. */
    public int requestsSent() {
        return requestsSent;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing left to do with a connection that will not close cleanly
            }
        }
    }
}
