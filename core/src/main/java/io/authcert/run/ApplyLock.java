package io.authcert.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * One apply at a time per inventory: an operating-system lock on a lock file that also names its
 * holder (pid, host, since when). The OS releases the lock when its process dies, so a lock file
 * left by a killed apply is found unlocked: it is reported as stale and taken over.
 */
public final class ApplyLock implements AutoCloseable {

    /** Who holds (or held) the lock. */
    public record Holder(long pid, String host, Instant since, String inventory) {
        String line() {
            return "pid=" + pid + "\nhost=" + host + "\nsince=" + since + "\ninventory=" + inventory + "\n";
        }

        static Holder parse(String text) {
            java.util.Map<String, String> kv = new java.util.HashMap<>();
            for (String l : text.split("\\R")) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    kv.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            }
            if (!kv.containsKey("pid")) {
                return null;
            }
            try {
                return new Holder(Long.parseLong(kv.get("pid")), kv.getOrDefault("host", "?"),
                        kv.containsKey("since") ? Instant.parse(kv.get("since")) : null, kv.getOrDefault("inventory", "?"));
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "pid " + pid + " on " + host + (since == null ? "" : " since " + since);
        }
    }

    /** Another apply holds the lock. */
    public static final class HeldException extends Exception {
        private final transient Holder holder;

        HeldException(Path file, Holder holder) {
            super("another apply is running on " + (holder == null || holder.inventory() == null ? "this inventory"
                    : holder.inventory().startsWith("server ") ? holder.inventory() : "this inventory (" + holder.inventory() + ")")
                    + ": " + (holder == null ? "holder unknown" : holder.toString())
                    + " (lock " + file + "); wait for it to finish, or stop that process");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder staleTakenOver;

    private ApplyLock(Path file, FileChannel channel, FileLock lock, Holder staleTakenOver) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.staleTakenOver = staleTakenOver;
    }

    /**
     * Takes the lock for an inventory.
     *
     * @throws HeldException when another apply (in this or another process) holds it
     */
    public static ApplyLock acquire(Path file, String inventory, Clock clock) throws IOException, HeldException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            Holder holder = Holder.parse(read(channel));
            channel.close();
            throw new HeldException(file, holder);
        }
        // Locked by us now; whatever the file still names was left by a process that died holding it.
        Holder previous = Holder.parse(read(channel));
        Holder me = new Holder(ProcessHandle.current().pid(), hostName(), clock.instant(), inventory);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me.line().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new ApplyLock(file, channel, lock, previous);
    }

    /** The holder of a stale lock this apply took over (a killed run), or null. */
    public Holder staleTakenOver() {
        return staleTakenOver;
    }

    public Path file() {
        return file;
    }

    /**
     * Releases the lock. The file is emptied, not deleted: deleting it would let a waiting apply lock
     * the old file while a third locks a new one.
     */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** The lock file for an inventory: one per inventory path, under the state folder. */
    /** The lock of one server, by the name or address it is reached at (case does not matter). */
    public static Path fileForServer(Path stateDir, String server) {
        String name = server.strip().toLowerCase(java.util.Locale.ROOT);
        String safe = name.replaceAll("[^a-z0-9._-]", "_");
        return stateDir.resolve("locks").resolve("server-" + safe + "-" + Integer.toHexString(name.hashCode()) + ".lock");
    }

    public static Path fileFor(Path stateDir, Path inventory) {
        String abs = inventory.toAbsolutePath().normalize().toString();
        String name = inventory.getFileName() == null ? "inventory" : inventory.getFileName().toString();
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return stateDir.resolve("locks").resolve("apply-" + safe + "-" + Integer.toHexString(abs.hashCode()) + ".lock");
    }
}
