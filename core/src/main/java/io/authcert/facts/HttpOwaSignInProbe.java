package io.authcert.facts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs in to OWA by forms: POSTs the logon form's fields to {@code /owa/auth.owa} without following the
 * redirect (its cookies are the answer). The password goes only into the request body, over the URL's
 * own scheme; use HTTPS outside the lab.
 */
public final class HttpOwaSignInProbe implements OwaSignInProbe {

    @Override
    public OwaHealth signIn(OwaSignInTarget target, Duration timeout) {
        if (!target.checked()) {
            return target.notCheckedResult();
        }
        String url = target.url();
        URI uri;
        try {
            uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getRawAuthority() == null) {
                return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "not a URL: " + e.getMessage());
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (target.caTrust() != null) {
            try {
                builder.sslContext(HttpOwaHealthProbe.trusting(target.caTrust()));
            } catch (IOException | java.security.GeneralSecurityException e) {
                return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "cannot use CA file " + target.caTrust() + ": " + e.getMessage());
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(uri, target)))
                .build();
        try {
            HttpResponse<String> response = builder.build().send(request, HttpResponse.BodyHandlers.ofString());
            return SignInAnswer.judge(url, response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().allValues("Set-Cookie"), response.body());
        } catch (IOException e) {
            return HttpOwaHealthProbe.unreachable(url, e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OwaHealth(url, OwaHealth.Status.UNREACHABLE, "interrupted");
        }
    }

    /** The fields OWA's logon page (logon.aspx) posts, as public OWA clients send them (docs/exchange.md). */
    static String form(URI signInUrl, OwaSignInTarget target) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("destination", signInUrl.getScheme() + "://" + signInUrl.getRawAuthority() + "/owa/");
        fields.put("flags", "4");
        fields.put("forcedownlevel", "0");
        fields.put("username", target.user());
        fields.put("password", target.password().reveal());
        fields.put("passwordText", "");
        fields.put("isUtf8", "1");
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
