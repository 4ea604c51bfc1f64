package io.authcert.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** POSTs a notification as JSON to a webhook (authcert's body, Slack's or Teams'); any answer but 2xx is a failure. */
public final class WebhookNotifier implements Notifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI url;
    private final WebhookFormat format;
    private final HttpClient http;

    public WebhookNotifier(URI url, WebhookFormat format) {
        this(url, format, HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    WebhookNotifier(URI url, WebhookFormat format, HttpClient http) {
        this.url = Objects.requireNonNull(url, "url");
        this.format = Objects.requireNonNull(format, "format");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String describe() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + " webhook " + Redacted.url(url);
    }

    @Override
    public void send(Notification notification) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", "authcert")
                .POST(HttpRequest.BodyPublishers.ofString(format.body(notification), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The JDK's message may quote the whole URL; name only its host.
            throw new IOException(e.getClass().getSimpleName() + " talking to " + Redacted.url(url), e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new IOException("HTTP " + response.statusCode() + " from " + Redacted.url(url)
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
        }
    }
}
