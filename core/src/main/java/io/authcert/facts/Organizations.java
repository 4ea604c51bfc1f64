package io.authcert.facts;

import io.authcert.inventory.InventoryHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which Exchange organisation a server belongs to. The AuthConfig lives at
 * {@code CN=Auth Configuration,CN=<org>,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=...}; the
 * organisation is everything after the first RDN. The inventory's {@code exchange_org} wins when set.
 */
public final class Organizations {

    /** The inventory variable that names a server's organisation explicitly. */
    public static final String EXCHANGE_ORG_VAR = "exchange_org";

    private static final String PREFIX = "cn=auth configuration,";

    private Organizations() {
    }

    /** The organisation's distinguished name, or null when the AuthConfig DN is unknown or not of that shape. */
    public static String fromAuthConfigDn(String distinguishedName) {
        if (distinguishedName == null) {
            return null;
        }
        String dn = distinguishedName.trim();
        if (!dn.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return null;
        }
        String org = dn.substring(PREFIX.length()).trim();
        return org.isEmpty() ? null : org;
    }

    /** {@code override} when given, otherwise derived from the AuthConfig's DN. */
    public static String resolve(String override, String authConfigDn) {
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        return fromAuthConfigDn(authConfigDn);
    }

    /** The organisation a host's inventory variables name ({@value #EXCHANGE_ORG_VAR}), or null when they name none. */
    public static String fromInventory(InventoryHost host) {
        Object org = host.vars().get(EXCHANGE_ORG_VAR);
        return org == null ? null : org.toString();
    }

    /** Host name to {@link #fromInventory} for the hosts that name an organisation, in the hosts' order. */
    public static Map<String, String> fromInventory(List<InventoryHost> hosts) {
        Map<String, String> orgs = new LinkedHashMap<>();
        for (InventoryHost host : hosts) {
            String org = fromInventory(host);
            if (org != null) {
                orgs.put(host.name(), org);
            }
        }
        return orgs;
    }
}
