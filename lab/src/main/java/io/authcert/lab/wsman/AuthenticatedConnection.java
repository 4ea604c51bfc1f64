package io.authcert.lab.wsman;

import io.authcert.security.wsman.MessageSealer;
import java.time.Instant;

/**
 * A TCP connection's established logon: who, and the security context that seals its bodies (null when
 * the context cannot seal, e.g. a Kerberos client that asked for no confidentiality; fine over HTTPS).
 *
 * @param established    when the logon was accepted (wall-clock time)
 * @param ticketAuthTime Kerberos only: the authtime of the client's ticket (its logon at the KDC), else null
 */
record AuthenticatedConnection(Logon logon, MessageSealer sealer, Instant established, Instant ticketAuthTime) {

    AuthenticatedConnection(Logon logon, MessageSealer sealer) {
        this(logon, sealer, Instant.now(), null);
    }

    boolean kerberos() {
        return logon.method().contains("Kerberos");
    }
}
