package io.authcert.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.authcert.lab.EmbeddedLab;
import io.authcert.run.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs engine commands against an embedded lab whose clock is frozen: the engine reads the lab's
 * clock, and every wait of the engine moves the lab's clock on instead of sleeping. AD replication,
 * certificate deployment and timeouts of hours then pass in milliseconds, deterministically.
 */
final class LabApplier {

    /** What one command printed and returned. */
    record Outcome(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final EmbeddedLab lab;
    private final Path stateDir;
    private final Module wiring;
    private volatile Runnable onWait = () -> { };

    LabApplier(EmbeddedLab lab, Path stateDir) {
        this(lab, stateDir, Modules.EMPTY_MODULE);
    }

    /** @param wiring more of the engine's wiring to replace in every command (configured anew for each) */
    LabApplier(EmbeddedLab lab, Path stateDir, Module wiring) {
        this.lab = lab;
        this.stateDir = stateDir;
        this.wiring = wiring;
        // the engine's waits move the lab's clock on (advance); a wait held on a server must as well, and counts as one
        lab.clock().jumpAtWaits(() -> onWait.run());
    }

    /** {@code engine apply -i LAB PLAYBOOK --auto-approve} with waits paced for the frozen clock, plus {@code extra}. */
    Outcome apply(String playbook, String... extra) {
        return apply(lab.inventoryFile(), playbook, extra);
    }

    /** The same with another inventory of the lab's servers. */
    Outcome apply(Path inventory, String playbook, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "-i", inventory.toString(), playbook, "--auto-approve",
                "--state-dir", stateDir.toString(), "--poll-interval", "1m", "--nudge-interval", "10m", "--health-timeout", "30m"));
        args.addAll(List.of(extra));
        return engine(args.toArray(String[]::new));
    }

    Outcome engine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Module frozenClock = new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(lab.clock());
                bind(Sleeper.class).toInstance(LabApplier.this::advance);
            }
        };
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)),
                Modules.combine(frozenClock, wiring));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Runs {@code check} at every wait of the engine (to watch the lab while the apply runs). */
    LabApplier whileWaiting(Runnable check) {
        this.onWait = check;
        return this;
    }

    private void advance(Duration d) throws InterruptedException {
        onWait.run();
        lab.clock().advance(d);
        Thread.sleep(1); // let other threads breathe, and stay interruptible
    }

    static EmbeddedLab start(String scenario, int servers) throws java.io.IOException {
        return EmbeddedLab.start(scenario, servers, frozen());
    }

    /** The same, logging every WinRM message as it travels to {@code wireLog}. */
    static EmbeddedLab start(String scenario, int servers, Path wireLog) throws java.io.IOException {
        return EmbeddedLab.start(scenario, servers, frozen().withWireLog(wireLog));
    }

    /** The lab's options with its clock frozen at the seed's outage, for a test to add to. */
    static EmbeddedLab.Options frozen() {
        return EmbeddedLab.Options.defaults().withSpeed(0).withNow(java.time.Instant.parse("2026-11-26T04:00:00Z"));
    }
}
