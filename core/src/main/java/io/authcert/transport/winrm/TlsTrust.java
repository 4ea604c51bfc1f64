package io.authcert.transport.winrm;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of one host: the JVM's CAs plus the host's own {@code ansible_winrm_ca_trust_path},
 * or anything at all with Ansible's {@code ignore}; per host, because our client takes a socket
 * factory per connection (Overthere could only use the process-wide trust store).
 */
final class TlsTrust {

    private static final Map<Path, SSLSocketFactory> BY_CA_FILE = new ConcurrentHashMap<>();

    private TlsTrust() {
    }

    /** A socket factory trusting the JVM's CAs and, if {@code caFile} is not null, the certificates in that PEM file. */
    static SSLSocketFactory validating(Path caFile) throws IOException, GeneralSecurityException {
        if (caFile == null) {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, null, null);
            return c.getSocketFactory();
        }
        Path key = caFile.toAbsolutePath().normalize();
        SSLSocketFactory cached = BY_CA_FILE.get(key);
        if (cached != null) {
            return cached;
        }
        SSLSocketFactory built = build(key);
        BY_CA_FILE.put(key, built);
        return built;
    }

    /** Ansible's {@code ansible_winrm_server_cert_validation: ignore}: any certificate, any name. */
    static SSLSocketFactory trustingAnything() throws GeneralSecurityException {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new TrustAll()}, null);
        return c.getSocketFactory();
    }

    private static SSLSocketFactory build(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        int i = 0;
        for (TrustManager tm : jvm.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("jvm-" + i++, c);
                }
            }
        }
        int j = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("inventory-" + j++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c.getSocketFactory();
    }

    /** Trusts every chain and, being an extended trust manager, skips the JDK's own name check too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
