package io.authcert.lab.pwsh;

import java.time.Duration;

/**
 * A session clock that may move on at once where a script waits (Start-Sleep), as a rehearsal's clock does at
 * the engine's own waits: a test that compresses hours into seconds compresses the server's waits too.
 */
public interface JumpingClock {

    /** Moves on by {@code simulated} and returns true when this clock jumps at waits; false: the wait takes its time. */
    boolean jumpOver(Duration simulated);
}
