package io.authcert.cli;

import com.google.inject.AbstractModule;
import io.authcert.facts.HttpOwaHealthProbe;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.OwaSignInProbe;
import io.authcert.facts.HttpOwaSignInProbe;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.local.LocalTransport;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.PasswordSources;
import io.authcert.vault.SecretCommand;
import java.time.Clock;
import java.util.Map;

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
        bind(io.authcert.run.Sleeper.class).toInstance(io.authcert.run.Sleeper.REAL);
        bind(io.authcert.run.StopRequest.class).toInstance(new io.authcert.run.StopRequest());
        // Each target goes to the transport of its ansible_connection.
        bind(Transport.class).toInstance(new RoutingTransport(Map.of(
                Target.Connection.WINRM, new WinRmTransport(),
                Target.Connection.LOCAL, new LocalTransport())));
        bind(OwaHealthProbe.class).to(HttpOwaHealthProbe.class);
        bind(OwaSignInProbe.class).to(HttpOwaSignInProbe.class);
        bind(io.authcert.vault.VaultPrompt.class).to(TerminalVaultPrompt.class);
        bind(FileEditor.class).to(EnvironmentEditor.class);
        bind(StandardStreams.class).toInstance(StandardStreams.SYSTEM);
        // One per command invocation (one injector per run): each distinct password source is read once.
        bind(PasswordSources.class).toInstance(PasswordSources.reading(System.getenv(), SecretCommand.withDefaultTimeout()));
    }
}
