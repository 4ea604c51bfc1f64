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
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return code == 200
                    ? new OwaHealth(url, OwaHealth.Status.HEALTHY, "HTTP 200")
                    : new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + code);
        } catch (HttpTimeoutException e) {
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, why.lines().findFirst().orElse(why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "interrupted");
        }
    }
}
