package io.authcert.lab.exchange;

import io.authcert.lab.Caller;
import java.util.Locale;

/**
 * The lab's RBAC at the Exchange management endpoint: which cmdlets a user's role groups let the session
 * offer. A model of two built-in role groups, not of Exchange's role entries: Organization Management runs
 * every cmdlet the lab has; View-Only Organization Management only those that read (Get-, Test-). A user in
 * neither gets no Exchange cmdlets at all.
 */
public final class ManagementRoles {

    public static final String ORGANIZATION_MANAGEMENT = "Organization Management";
    public static final String VIEW_ONLY_ORGANIZATION_MANAGEMENT = "View-Only Organization Management";

    private ManagementRoles() {
    }

    /** Whether {@code caller}'s role groups include {@code cmdlet}. */
    public static boolean allows(Caller caller, String cmdlet) {
        if (caller.inGroup(ORGANIZATION_MANAGEMENT)) {
            return true;
        }
        String verb = cmdlet.toLowerCase(Locale.ROOT);
        return caller.inGroup(VIEW_ONLY_ORGANIZATION_MANAGEMENT) && (verb.startsWith("get-") || verb.startsWith("test-"));
    }
}
