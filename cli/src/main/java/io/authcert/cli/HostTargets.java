package io.authcert.cli;

import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import java.util.function.Function;

/** Builds each host's {@link Target} from its inventory variables (WinRM or local), via {@link TargetResolver}. */
final class HostTargets implements Function<InventoryHost, Target> {

    private final TargetResolver resolver = new TargetResolver();

    @Override
    public Target apply(InventoryHost host) {
        return resolver.resolve(host.name(), host.vars());
    }
}
