package io.authcert.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop the run early (SIGTERM, Ctrl-C): steps already sent to a server finish, since
 * cutting a PowerShell command mid-way could leave a server worse than it was, and nothing new starts.
 * The executor looks at it before every phase and batch.
 */
public final class StopRequest {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks the run to stop, saying why; the first reason given is kept. */
    public void request(String why) {
        reason.compareAndSet(null, why);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
