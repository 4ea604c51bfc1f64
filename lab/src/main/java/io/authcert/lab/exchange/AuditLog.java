package io.authcert.lab.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every command the simulated servers ran, in the order they finished: kept in memory for tests and
 * optionally appended to a file as JSON lines ({@code {"seq":1,"time":"...","server":"ex01",
 * "script":"...","exit_code":0,"delivery":"DELIVER"}}). Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

    /** One command as a server ran it: simulated time, server, decoded script, exit code, how the answer was delivered. */
    public record Entry(long seq, Instant time, String server, String script, int exitCode, String delivery) {

        /** Whether the script mentions {@code text} (case-insensitive), e.g. a cmdlet name. */
        public boolean mentions(String text) {
            return script.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Entry> entries = new ArrayList<>();
    private final io.authcert.lab.JsonLinesFile file;
    private final java.util.Set<String> secrets = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Texts never written to this log: the lab's account passwords, which a script passes as a quoted literal
     * to open the Exchange management endpoint with {@code -Credential}. A protection of the lab's files, not
     * what Windows does: PowerShell's script block logging would record such a literal.
     */
    public AuditLog redacting(java.util.Collection<String> texts) {
        texts.stream().filter(t -> t != null && t.length() >= 4).forEach(secrets::add);
        return this;
    }

    /** An in-memory log. */
    public AuditLog() {
        this.file = null;
    }

    /** A log that also appends JSON lines to {@code path} (created or appended to). */
    public AuditLog(Path path) {
        this.file = new io.authcert.lab.JsonLinesFile(path, "audit log");
    }

    /** Records one command. */
    public synchronized Entry record(Instant time, String server, String script, int exitCode, String delivery) {
        for (String secret : secrets) {
            script = script.replace(secret, "********");
        }
        Entry e = new Entry(entries.size() + 1L, time, server, script, exitCode, delivery);
        entries.add(e);
        if (file != null) {
            file.append(toJson(e));
        }
        return e;
    }

    /** A snapshot of all entries so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> entries(Predicate<Entry> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** The entries of one server, in order. */
    public List<Entry> of(String server) {
        return entries(e -> e.server().equalsIgnoreCase(server));
    }

    static String toJson(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("time", e.time().toString());
        n.put("server", e.server());
        n.put("script", e.script());
        n.put("exit_code", e.exitCode());
        n.put("delivery", e.delivery());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            file.close();
        }
    }
}
