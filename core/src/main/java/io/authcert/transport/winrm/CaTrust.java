package io.authcert.transport.winrm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Makes the CA certificates of {@code ansible_winrm_ca_trust_path} trusted for WinRM over HTTPS.
 *
 * <p>Overthere builds its TLS context from the JVM's default trust store and offers no way to pass
 * one per connection, so this adds the PEM files' certificates to a process-wide trust store (the
 * JVM's own CAs plus every file named by the inventory) and points {@code javax.net.ssl.trustStore}
 * at it. Consequence, documented in the README: within one run, a CA named for one host is trusted
 * for all hosts.
 */
final class CaTrust {

    private static final Set<Path> LOADED = new HashSet<>();
    private static KeyStore store;

    private CaTrust() {
    }

    static synchronized void trust(Path pem) throws IOException, GeneralSecurityException {
        Path key = pem.toAbsolutePath().normalize();
        if (LOADED.contains(key)) {
            return;
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(key)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        if (store == null) {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            int i = 0;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + i++, c);
                    }
                }
            }
        }
        int i = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("inventory-" + LOADED.size() + "-" + i++, c);
        }
        Path file = Files.createTempFile("authcert-trust", ".p12");
        file.toFile().deleteOnExit();
        char[] password = "authcert".toCharArray();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
        LOADED.add(key);
    }
}
