package io.authcert.transport;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sends each script to the transport of its target's {@link Target.Connection} (WinRM or local), wrapped so
 * that the Exchange cmdlets come from where the host's {@code authcert_exchange_shell} says
 * ({@link ExchangeShells}).
 */
public final class RoutingTransport implements Transport {

    private final Map<Target.Connection, Transport> transports;

    public RoutingTransport(Map<Target.Connection, Transport> transports) {
        this.transports = new EnumMap<>(Target.Connection.class);
        this.transports.putAll(transports);
    }

    @Override
    public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
        Transport transport = transports.get(target.connection());
        if (transport == null) {
            throw new TransportException(TransportException.Kind.UNSUPPORTED, target.name(),
                    "connection '" + target.connection().name().toLowerCase() + "' is not available in this build");
        }
        return transport.run(target, ExchangeShells.forTarget(target).wrap(script), timeout);
    }

    @Override
    public void close() {
        transports.values().forEach(Transport::close);
    }
}
