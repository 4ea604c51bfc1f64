package io.authcert.lab.wsman;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Every HTTP request the lab's servers answered, one JSON line each, so a benchmark can count requests, 401
 * challenges and connections per host: {@code {"time":"...","host":"ex01","peer":"127.0.0.1:51234",
 * "method":"POST","path":"/wsman","auth":"negotiate","status":200}}. {@code auth} is the Authorization
 * header's scheme in lower case, or {@code none}; never the token. {@code status} 0 is a connection the lab
 * dropped without an answer (a lost response). {@code time} is wall-clock time, not the lab's clock.
 */
public final class RequestLog implements AutoCloseable {

    /** One request as answered. */
    public record Entry(Instant time, String host, String peer, String method, String path, String auth, int status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final io.authcert.lab.JsonLinesFile file;

    /** Appends to {@code path} (created, with its folder, when missing). */
    public RequestLog(Path path) {
        this.file = new io.authcert.lab.JsonLinesFile(path, "request log");
    }

    /** The scheme of an Authorization header ({@code Negotiate abc=} gives {@code negotiate}), or {@code none}. */
    static String scheme(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "none";
        }
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    public void record(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("host", e.host());
        n.put("peer", e.peer());
        n.put("method", e.method());
        n.put("path", e.path());
        n.put("auth", e.auth());
        n.put("status", e.status());
        String line;
        try {
            line = JSON.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        file.append(line);
    }

    @Override
    public void close() {
        file.close();
    }
}
