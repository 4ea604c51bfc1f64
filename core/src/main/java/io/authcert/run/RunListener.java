package io.authcert.run;

/** A subscriber to the events of a run: terminal progress, journal, reports. Called from one thread at a time. */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);
}
