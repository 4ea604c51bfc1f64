package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondApplyOnTheSameInventoryIsRefusedNamingTheHolder() throws Exception {
        Path file = ApplyLock.fileFor(dir, Path.of("inventory/production"));
        try (ApplyLock first = ApplyLock.acquire(file, "inventory/production", Clock.systemUTC())) {
            assertThat(first.staleTakenOver()).isNull();
            assertThatThrownBy(() -> ApplyLock.acquire(file, "inventory/production", Clock.systemUTC()))
                    .isInstanceOf(ApplyLock.HeldException.class)
                    .hasMessageContaining("another apply is running on this inventory")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining(file.toString());
        }
        try (ApplyLock again = ApplyLock.acquire(file, "inventory/production", Clock.systemUTC())) {
            assertThat(again.staleTakenOver()).isNull();
        }
    }

    @Test
    void differentInventoriesHaveDifferentLocks() {
        assertThat(ApplyLock.fileFor(dir, Path.of("inventory/production")))
                .isNotEqualTo(ApplyLock.fileFor(dir, Path.of("inventory/lab")));
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndTakenOverOnceThatProcessIsKilled() throws Exception {
        Path file = ApplyLock.fileFor(dir, Path.of("inv.yml"));
        Files.createDirectories(file.getParent());
        // Another process takes the same POSIX record lock Java uses, writes itself in, and hangs.
        String holder = "import fcntl, os, sys, time\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "f.truncate(0); f.write('pid=%d\\nhost=otherbox\\nsince=2026-01-01T00:00:00Z\\ninventory=inv.yml\\n' % os.getpid()); f.flush()\n"
                + "print('locked', flush=True)\n"
                + "time.sleep(120)\n";
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", holder, file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> ApplyLock.acquire(file, "inv.yml", Clock.systemUTC()))
                    .isInstanceOf(ApplyLock.HeldException.class)
                    .hasMessageContaining("pid " + process.pid() + " on otherbox since 2026-01-01T00:00:00Z");
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (ApplyLock lock = ApplyLock.acquire(file, "inv.yml", Clock.systemUTC())) {
            assertThat(lock.staleTakenOver()).isNotNull();
            assertThat(lock.staleTakenOver().pid()).isEqualTo(process.pid());
            assertThat(lock.staleTakenOver().host()).isEqualTo("otherbox");
            assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
        }
    }
}
