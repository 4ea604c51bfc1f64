package io.authcert.lab.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS man-in-the-middle on 127.0.0.1 for tests: it terminates the client's TLS with a certificate of its
 * own (from a CA of its own) and relays the bytes over a second TLS connection to the real server, as an
 * intercepting proxy or an attacker with a rogue certificate does. A client that skips certificate
 * validation cannot tell; its channel bindings, computed for the interceptor's certificate, can.
 */
public final class TlsInterceptor implements AutoCloseable {

    private final LabTls own = LabTls.generate();
    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TlsInterceptor(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = own.serverContext().getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        daemon(this::accept, "tls-interceptor");
    }

    /** Starts relaying every connection made to {@link #port()} to the TLS server on {@code serverPort}. */
    public static TlsInterceptor inFrontOf(int serverPort) {
        try {
            return new TlsInterceptor(serverPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the TLS interceptor: " + e.getMessage(), e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The certificate clients of the interceptor see instead of the server's. */
    public X509Certificate certificate() {
        return own.serverCertificate();
    }

    /** The certificate the TLS server on {@code port} of 127.0.0.1 presents, read without validating it. */
    public static X509Certificate presentedCertificate(int port) {
        try (SSLSocket s = (SSLSocket) trustingAnything().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = trustingAnything().createSocket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server), "tls-interceptor-up");
                daemon(() -> pump(server, client), "tls-interceptor-down");
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    /** Copies one direction; when it ends both connections go, since TLS sockets cannot half-close. */
    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed first
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** The attacker's side of the relay accepts whatever the real server presents. */
    private static SSLSocketFactory trustingAnything() {
        TrustManager anything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {anything}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(TlsInterceptor::closeQuietly);
    }
}
