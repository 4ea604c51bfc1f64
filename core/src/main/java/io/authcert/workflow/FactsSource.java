package io.authcert.workflow;

import io.authcert.facts.Facts;
import io.authcert.inventory.InventoryHost;
import java.util.List;

/** Where the workflow's facts come from: the servers (one round trip per host), or a fake in tests. */
@FunctionalInterface
public interface FactsSource {

    /** Facts of every host, in the order given; a host that fails is {@code HostFacts.failed}. */
    Facts gather(List<InventoryHost> hosts);
}
