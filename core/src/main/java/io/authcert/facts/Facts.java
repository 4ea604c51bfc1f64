package io.authcert.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/** The facts of every host of one gathering, in inventory order. */
public record Facts(Map<String, HostFacts> hosts) {

    public Facts {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }
}
