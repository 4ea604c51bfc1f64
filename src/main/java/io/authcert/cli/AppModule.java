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
        bind(Connections.class).to(DefaultConnections.class);
        bind(ConfirmPrompt.class).to(StdinConfirmPrompt.class);
        bind(io.authcert.facts.OwaHealthProbe.class).to(io.authcert.facts.HttpOwaHealthProbe.class);
        bind(io.authcert.run.Sleeper.class).toInstance(io.authcert.run.Sleeper.REAL);
    }
}
