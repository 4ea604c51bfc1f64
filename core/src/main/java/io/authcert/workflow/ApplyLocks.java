package io.authcert.workflow;

import java.io.IOException;
import java.util.List;

/**
 * One apply per inventory and per server at a time: two applies from two inventories that name the same
 * servers exclude each other too. The locks are held from before the facts are gathered until the end.
 */
@FunctionalInterface
public interface ApplyLocks {

    /** A held lock. */
    interface Lease extends AutoCloseable {
        /** Who left a stale lock this lease took over (that process is gone), or null. */
        default String staleTakenOver() {
            return null;
        }

        @Override
        void close() throws IOException;
    }

    /** Another apply holds the lock. */
    final class HeldException extends Exception {
        private final String lockFile;

        public HeldException(String message, String lockFile) {
            super(message);
            this.lockFile = lockFile;
        }

        /** The lock file (where the problem is). */
        public String lockFile() {
            return lockFile;
        }
    }

    /**
     * @param inventories the inventory sources of this apply
     * @param servers     the servers it will touch, as they are reached ({@code ansible_host}, else the name)
     */
    Lease acquire(List<java.nio.file.Path> inventories, List<String> servers) throws IOException, HeldException;
}
