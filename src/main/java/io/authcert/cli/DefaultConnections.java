package io.authcert.cli;

import io.authcert.inventory.InventoryHost;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.local.LocalTransport;
import java.util.Map;

/**
 * The standard way to reach hosts. Local PowerShell is available; the WinRM client and the reading
 * of {@code ansible_*} connection variables come with the lab-wsman branch and are wired here when it lands.
 */
final class DefaultConnections implements Connections {

    private final Transport transport = new RoutingTransport(Map.of(Target.Connection.LOCAL, new LocalTransport()));

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Target target(InventoryHost host) {
        throw new IllegalArgumentException("cannot reach " + host.name() + ": the WinRM client (TargetResolver,"
                + " WinRmTransport) is not in this build yet");
    }
}
