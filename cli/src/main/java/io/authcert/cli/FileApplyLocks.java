package io.authcert.cli;

import io.authcert.run.ApplyLock;
import io.authcert.workflow.ApplyLocks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The apply locks under {@code <state-dir>/locks}: one per inventory source and one per server, taken in
 * a fixed order (so two applies sharing one never wait on each other crosswise) and released together.
 */
final class FileApplyLocks implements ApplyLocks {

    private final Path stateDir;
    private final Clock clock;

    FileApplyLocks(Path stateDir, Clock clock) {
        this.stateDir = stateDir;
        this.clock = clock;
    }

    @Override
    public Lease acquire(List<Path> inventories, List<String> servers) throws IOException, HeldException {
        // Every lock file with what it guards, in one fixed order, so two applies never wait on each other crosswise.
        java.util.TreeMap<Path, String> wanted = new java.util.TreeMap<>();
        inventories.stream().distinct().forEach(inv -> wanted.put(ApplyLock.fileFor(stateDir, inv), inv.toString()));
        servers.stream().distinct().forEach(server -> wanted.putIfAbsent(ApplyLock.fileForServer(stateDir, server),
                "server " + server + " (inventory " + inventories.stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + ")"));
        List<Path> files = new ArrayList<>(wanted.keySet());
        List<String> sources = new ArrayList<>(wanted.values());
        List<ApplyLock> held = new ArrayList<>();
        String takenOver = null;
        try {
            for (int i = 0; i < files.size(); i++) {
                ApplyLock lock;
                try {
                    lock = ApplyLock.acquire(files.get(i), sources.get(i), clock);
                } catch (ApplyLock.HeldException e) {
                    throw new HeldException(e.getMessage(), files.get(i).toString());
                }
                held.add(lock);
                if (lock.staleTakenOver() != null && takenOver == null) {
                    takenOver = lock.staleTakenOver().toString();
                }
            }
        } catch (IOException | HeldException | RuntimeException e) {
            release(held);
            throw e;
        }
        String stale = takenOver;
        return new Lease() {
            @Override
            public String staleTakenOver() {
                return stale;
            }

            @Override
            public void close() throws IOException {
                release(held);
            }
        };
    }

    private static void release(List<ApplyLock> held) throws IOException {
        IOException first = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                held.get(i).close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        held.clear();
        if (first != null) {
            throw first;
        }
    }
}
