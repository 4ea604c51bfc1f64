package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.winrm.TargetResolver;
import java.util.Locale;

/**
 * The standard way to reach hosts: the application's transport (WinRM or local PowerShell, by
 * {@code ansible_connection}), WinRM targets from their {@code ansible_*} variables.
 */
final class DefaultConnections implements Connections {

    private final Transport transport;
    private final HostTargets localTargets;
    private final TargetResolver winrmTargets = new TargetResolver();

    @Inject
    DefaultConnections(Transport transport, HostTargets localTargets) {
        this.transport = transport;
        this.localTargets = localTargets;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Target target(InventoryHost host) {
        String kind = String.valueOf(host.vars().getOrDefault("ansible_connection", "winrm")).trim().toLowerCase(Locale.ROOT);
        return kind.equals("winrm") ? winrmTargets.resolve(host.name(), host.vars()) : localTargets.apply(host);
    }
}
