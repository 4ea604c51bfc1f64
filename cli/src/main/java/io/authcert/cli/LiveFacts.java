package io.authcert.cli;

import com.google.inject.ImplementedBy;
import io.authcert.facts.Facts;
import io.authcert.inventory.InventoryHost;
import java.util.List;

/** Gathers facts from the servers themselves (the seam {@code plan} and {@code apply} share). */
@ImplementedBy(GatheringLiveFacts.class)
public interface LiveFacts {

    /** Facts of every host, in the order given, {@code forks} at once; a host that fails is {@code HostFacts.failed}. */
    Facts gather(List<InventoryHost> hosts, int forks);
}
