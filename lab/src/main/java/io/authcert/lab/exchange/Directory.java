package io.authcert.lab.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Active Directory as far as the Auth configuration goes: every write is a version stamped with the
 * time and the AD site it was written in; a reader sees the newest version that has replicated to
 * it (at once in the writer's own server, after the reader's site delay elsewhere).
 */
final class Directory {

    private record Version(AuthConfig config, Instant writtenAt, String writerServer) {
    }

    private final List<Version> versions = new ArrayList<>();

    Directory(AuthConfig initial, Instant at) {
        versions.add(new Version(initial, Instant.MIN, null));
    }

    synchronized void write(AuthConfig config, Instant at, String writerServer) {
        versions.add(new Version(config, at, writerServer));
    }

    /**
     * The configuration {@code reader} sees at {@code now}.
     *
     * @param delay        how long a write takes to reach the reader's site
     * @param stalledSince when replication to the reader stopped (the "never completes" fault), or null
     */
    synchronized AuthConfig read(String reader, Instant now, Duration delay, Instant stalledSince) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            Version v = versions.get(i);
            if (v.writtenAt().isAfter(now)) {
                continue;
            }
            if (reader.equals(v.writerServer()) || v.writerServer() == null) {
                return v.config();
            }
            Instant arrives = v.writtenAt().plus(delay);
            // a stall stops what has not arrived yet; what a server has already read stays read
            boolean stalled = stalledSince != null && arrives.isAfter(stalledSince);
            if (!arrives.isAfter(now) && !stalled) {
                return v.config();
            }
        }
        return versions.get(0).config();
    }

    /** The newest version written anywhere (what a domain controller in the writer's site holds). */
    synchronized AuthConfig latest() {
        return versions.get(versions.size() - 1).config();
    }
}
