package io.authcert.facts;

import java.time.Instant;

/**
 * The server's own record of OWA's sign-in failing (docs/exchange.md, "Where the outage shows"): the
 * Application log's events 1003 (MSExchange Front End HTTPS Proxy) and 3005 (ASP.NET) whose message
 * names {@code HMACProvider.GetCertificates} or {@code FbaModule}, counted since {@code since}.
 *
 * @param since  the start of the window read; null when unknown
 * @param count  how many such events; null when the log could not be read (never "none")
 * @param newest when the newest was logged; null when there is none or the log could not be read
 */
public record OwaSignInErrors(Instant since, Integer count, Instant newest) {

    /** Not read: an Edge server, an export, a gathering that failed or predates these facts. */
    public static final OwaSignInErrors UNKNOWN = new OwaSignInErrors(null, null, null);

    public boolean known() {
        return count != null;
    }

    /** Read, and at least one sign-in failed in the window. */
    public boolean seen() {
        return count != null && count > 0;
    }
}
