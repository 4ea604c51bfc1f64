package io.authcert.lab.wsman;

import java.time.Instant;

/**
 * One logon attempt on a server, as its Security log would keep it (4624 success, 4625 failure).
 *
 * @param client  the client's address and port (the connection)
 * @param method  the scheme and mechanism tried, e.g. {@code Kerberos}, {@code NTLM}
 * @param logon   who logged on; null when refused
 * @param failure why it was refused; null on success
 */
public record LogonEvent(Instant time, String client, String method, Logon logon, String failure) {

    public boolean succeeded() {
        return logon != null;
    }
}
