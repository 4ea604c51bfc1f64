package io.authcert.playbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the runbook restarts on a server whose Auth certificate changed (KB 5005341, the seed's
 * procedure): the Microsoft Exchange Service Host, then the OWA and ECP application pools, whose
 * workers keep signing with the certificates they loaded. A play whose handlers leave one out keeps
 * OWA or ECP sign-in failing after a rotation, so validate and plan say so.
 */
public final class RunbookRestarts {

    public static final String SERVICE_HOST = "MSExchangeServiceHost";
    public static final String OWA_APP_POOL = "MSExchangeOWAAppPool";
    public static final String ECP_APP_POOL = "MSExchangeECPAppPool";

    private RunbookRestarts() {
    }

    /** The runbook's restarts and recycles that these handlers leave out, one plain line each. */
    public static List<String> missing(Collection<String> services, Collection<String> appPools) {
        List<String> out = new ArrayList<>();
        if (services.stream().noneMatch(SERVICE_HOST::equalsIgnoreCase)) {
            out.add("no handler restarts " + SERVICE_HOST + " (it loads the new Auth certificate)");
        }
        for (String pool : List.of(OWA_APP_POOL, ECP_APP_POOL)) {
            if (appPools.stream().noneMatch(pool::equalsIgnoreCase)) {
                out.add("no handler recycles " + pool + " (its workers keep signing with the old certificate: "
                        + (pool.equals(OWA_APP_POOL) ? "OWA" : "ECP") + " sign-in keeps failing after a rotation)");
            }
        }
        return out;
    }
}
