package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies against the same organisation at once, from the same inventory and from two inventories
 * naming the same servers: the second is refused naming the holder, before it gathers anything.
 */
class ConcurrentAppliesIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    @Test
    void aSecondApplyFromAnotherInventoryOfTheSameServersIsRefusedNamingTheHolder() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            Path other = dir.resolve("other-inventory.yml");
            Files.copy(lab.inventoryFile(), other);
            Path state = dir.resolve("state");
            AtomicReference<LabApplier.Outcome> sameInventory = new AtomicReference<>();
            AtomicReference<LabApplier.Outcome> otherInventory = new AtomicReference<>();
            LabApplier second = new LabApplier(lab, state);
            LabApplier first = new LabApplier(lab, state).whileWaiting(() -> {
                if (otherInventory.get() == null) {
                    sameInventory.set(second.apply(PLAYBOOK));
                    otherInventory.set(second.apply(other, PLAYBOOK));
                }
            });

            LabApplier.Outcome applied = first.apply(PLAYBOOK);

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(sameInventory.get()).as("the first apply waited at least once").isNotNull();
            for (LabApplier.Outcome refused : new LabApplier.Outcome[] {sameInventory.get(), otherInventory.get()}) {
                assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
                assertThat(refused.err()).contains("another apply is running on", "pid " + ProcessHandle.current().pid());
                assertThat(refused.out()).doesNotContain("Gathering facts");
            }
            assertThat(otherInventory.get().err()).contains("server 127.0.0.1");
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).as("one certificate in all").hasSize(1);
        }
    }
}
