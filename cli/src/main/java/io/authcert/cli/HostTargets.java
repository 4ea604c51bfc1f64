package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.vault.PasswordSources;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds each host's {@link Target} from its inventory variables (WinRM or local), via {@link TargetResolver}, with
 * the command's one {@link PasswordSources}: a password from an environment variable or a command is read once
 * for every host that names it.
 */
final class HostTargets implements Function<InventoryHost, Target> {

    private final TargetResolver resolver;

    @Inject
    HostTargets(PasswordSources passwords) {
        this.resolver = new TargetResolver(passwords);
    }

    @Override
    public Target apply(InventoryHost host) {
        return resolver.resolve(host.name(), host.vars(), host.locations());
    }

    /** The targets of the hosts whose variables resolve; the others fail when gathered, each with its own message. */
    List<Target> resolvable(List<InventoryHost> hosts) {
        List<Target> out = new ArrayList<>();
        for (InventoryHost h : hosts) {
            try {
                out.add(apply(h));
            } catch (InputException refused) {
                // reported for this host by the fact gathering
            }
        }
        return out;
    }
}
