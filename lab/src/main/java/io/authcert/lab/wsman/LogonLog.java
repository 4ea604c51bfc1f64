package io.authcert.lab.wsman;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The latest logon attempts on one server, success and failure, for tests and diagnosis (bounded). */
final class LogonLog {

    private static final int KEPT = 1000;

    private final Deque<LogonEvent> events = new ArrayDeque<>();

    synchronized void succeeded(InetSocketAddress client, Logon logon) {
        add(new LogonEvent(Instant.now(), String.valueOf(client), logon.method(), logon, null));
    }

    synchronized void failed(InetSocketAddress client, String method, String reason) {
        add(new LogonEvent(Instant.now(), String.valueOf(client), method, null, reason));
    }

    synchronized List<LogonEvent> events() {
        return List.copyOf(events);
    }

    private void add(LogonEvent e) {
        if (events.size() == KEPT) {
            events.removeFirst();
        }
        events.addLast(e);
    }
}
