package io.authcert.lab.wsman;

import io.authcert.security.wsman.MessageSealer;

/**
 * A TCP connection's established logon: who, and the security context that seals its bodies (null when
 * the context cannot seal, e.g. a Kerberos client that asked for no confidentiality; fine over HTTPS).
 */
record AuthenticatedConnection(Logon logon, MessageSealer sealer) {
}
