package io.authcert.cli;

import com.google.inject.AbstractModule;
import java.time.Clock;

/** The application's wiring: the one place that decides which implementation serves each seam. */
final class AppModule extends AbstractModule {

    private final Terminal terminal;

    AppModule(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    protected void configure() {
        bind(Terminal.class).toInstance(terminal);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }
}
