package io.authcert.lab.pwsh;

import java.time.Duration;

/**
 * A session clock that knows how a script's wait (Start-Sleep) passes on it: a simulated clock sleeps its share
 * of real time, stands still when frozen, or moves on at once where its harness jumps it at waits.
 */
public interface WaitingClock {

    /** Lets {@code simulated} time pass on this clock, as a script's Start-Sleep does. */
    void waitFor(Duration simulated) throws InterruptedException;
}
