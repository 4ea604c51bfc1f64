package io.authcert.cli;

import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;

/** How the engine reaches hosts: the transport, and each host's {@link Target} from its inventory variables. */
public interface Connections {

    Transport transport();

    /** @throws IllegalArgumentException with a message a person can act on, for unusable connection variables */
    Target target(InventoryHost host);
}
