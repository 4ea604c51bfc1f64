package io.authcert.transport;

import java.time.Duration;

/**
 * Runs one PowerShell script on one host and returns what it printed. The transport knows nothing
 * of certificates: it moves scripts and output.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs {@code script} on {@code target}, waiting at most {@code timeout} for it to finish.
     *
     * @throws TransportException classified: unreachable, authentication, timed out, response lost
     */
    CommandResult run(Target target, String script, Duration timeout) throws TransportException;

    /** Ends the run: releases what the transport kept between scripts (WinRM shells and connections). */
    @Override
    default void close() {
    }
}
