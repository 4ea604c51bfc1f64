package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;

/** The standard way to reach hosts: the application's transport and {@link HostTargets} (WinRM or local). */
final class DefaultConnections implements Connections {

    private final Transport transport;
    private final HostTargets targets;

    @Inject
    DefaultConnections(Transport transport, HostTargets targets) {
        this.transport = transport;
        this.targets = targets;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Target target(InventoryHost host) {
        return targets.apply(host);
    }
}
