package io.authcert.run;

import java.time.Duration;

/** Waits between polls. A seam so tests advance a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
