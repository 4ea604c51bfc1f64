package io.authcert.facts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Probes an OWA health URL over HTTP(S) with the JVM's trust store. Redirects are not followed: OWA
 * answering the health check with a redirect to the sign-in page is the outage, not health.
 */
public final class HttpOwaHealthProbe implements OwaHealthProbe {

    @Override
    public OwaHealth probe(String url, Duration timeout) {
        return probe(url, timeout, null);
    }

    @Override
    public OwaHealth probe(String url, Duration timeout, java.nio.file.Path caTrustPath) {
        if (url == null || url.isBlank()) {
            return OwaHealth.notConfigured();
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?")) {
                return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "not a URL: " + e.getMessage());
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caTrustPath != null) {
            try {
                builder.sslContext(trusting(caTrustPath));
            } catch (IOException | java.security.GeneralSecurityException e) {
                return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "cannot use CA file " + caTrustPath + ": " + e.getMessage());
            }
        }
        HttpClient client = builder.build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return code == 200
                    ? new OwaHealth(url, OwaHealth.Status.HEALTHY, "HTTP 200")
                    : new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + code);
        } catch (IOException e) {
            return HttpOwaHealthProbe.unreachable(url, e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "interrupted");
        }
    }

    /** A request that got no answer: a timeout, or the first line of the I/O error. */
    static OwaHealth unreachable(String url, IOException e, Duration timeout) {
        if (e instanceof HttpTimeoutException) {
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "no answer within " + timeout.toSeconds() + " s");
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, why.lines().findFirst().orElse(why));
    }

    /** An SSL context that trusts exactly the certificates in a PEM file (as ansible_winrm_ca_trust_path does). */
    static javax.net.ssl.SSLContext trusting(java.nio.file.Path pem) throws IOException, java.security.GeneralSecurityException {
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(pem)) {
            int i = 0;
            for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new java.security.cert.CertificateException("no certificate in the file");
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
