package io.authcert.rehearse;

import io.authcert.lab.exchange.Organisation;
import java.util.List;
import java.util.Map;

/**
 * The lab's copy of a real organisation, made from its facts: the organisation to serve, which twin
 * server stands for which host of the plan, which twin certificate for which real one, and what the
 * twin had to assume because the facts did not say.
 *
 * @param serverOfHost the twin server's name for each host of the facts, in their order
 * @param assumptions  one plain line for each thing the facts did not say and the twin chose
 */
public record Twin(Organisation organisation, Map<String, String> serverOfHost, ThumbprintMap thumbprints,
        List<String> assumptions) {

    public Twin {
        serverOfHost = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(serverOfHost));
        assumptions = List.copyOf(assumptions);
    }
}
