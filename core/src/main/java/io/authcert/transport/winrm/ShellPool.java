package io.authcert.transport.winrm;

import io.authcert.transport.Target;
import io.authcert.transport.winrm.wsman.ShellSession;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The idle shells of a run, per target, so that the steps of a run share one shell and one
 * authenticated connection per host instead of paying a Create, a Delete and a TCP (and TLS)
 * handshake for every script; two scripts for one host at the same time simply get two shells.
 */
final class ShellPool implements AutoCloseable {

    private final Map<Target, Deque<ShellSession>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An idle shell of {@code target}, or null. */
    ShellSession take(Target target) {
        Deque<ShellSession> shells = idle.get(target);
        return shells == null ? null : shells.pollFirst();
    }

    /** Keeps a shell whose last command finished cleanly for the next script of the same target. */
    void give(Target target, ShellSession shell) {
        if (closed) {
            discard(shell);
            return;
        }
        idle.computeIfAbsent(target, t -> new ConcurrentLinkedDeque<>()).addFirst(shell);
    }

    /** Deletes every idle shell and closes its connection; later shells are deleted as they come back. */
    @Override
    public void close() {
        closed = true;
        List<ShellSession> all = new ArrayList<>();
        idle.values().forEach(d -> {
            for (ShellSession s = d.pollFirst(); s != null; s = d.pollFirst()) {
                all.add(s);
            }
        });
        all.forEach(ShellPool::discard);
    }

    static void discard(ShellSession shell) {
        try {
            shell.deleteShell(WinRmTransport.CLEANUP_TIMEOUT);
        } catch (Exception ignored) {
            // the server may be gone; the shell expires on its own (IdleTimeout)
        } finally {
            shell.close();
        }
    }

}
