package io.authcert.workflow;

import java.io.IOException;
import java.util.List;

/** One apply per inventory at a time: the lock is held from before the facts are gathered until the end. */
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

    Lease acquire(List<java.nio.file.Path> inventories) throws IOException, HeldException;
}
