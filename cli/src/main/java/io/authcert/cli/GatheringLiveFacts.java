package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsGatherer;
import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Transport;
import java.time.Clock;
import java.util.List;

/** Live facts the standard way: one gathering script per host over the application's transport. */
final class GatheringLiveFacts implements LiveFacts {

    private final Transport transport;
    private final HostTargets targets;
    private final Clock clock;
    private final Terminal terminal;

    @Inject
    GatheringLiveFacts(Transport transport, HostTargets targets, Clock clock, Terminal terminal) {
        this.transport = transport;
        this.targets = targets;
        this.clock = clock;
        this.terminal = terminal;
    }

    @Override
    public Facts gather(List<InventoryHost> hosts, int forks) {
        new BasicOverHttpWarning(terminal).print(targets.resolvable(hosts));
        return new FactsGatherer(transport, targets, clock, FactsGatherer.DEFAULT_TIMEOUT).gather(hosts, forks);
    }
}
