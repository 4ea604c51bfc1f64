package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.Facts;
import io.authcert.inventory.InventoryHost;
import java.util.List;

/**
 * The wiring until a transport to real servers is bound in {@link AppModule}: says plainly that live
 * gathering is unavailable in this build and how to plan from captured facts instead.
 */
final class NoLiveFacts implements LiveFacts {

    @Override
    public Facts gather(List<InventoryHost> hosts) {
        throw InputException.of(SourceLocation.ofFile("--facts"), "this build cannot connect to servers yet (no transport is wired)",
                "gather facts where the servers are reachable ('engine facts -i INV --save DIR') and plan with --facts DIR");
    }
}
