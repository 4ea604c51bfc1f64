package io.authcert.facts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a server's AuthAdmin servicelet (in MSExchangeServiceHost) shows of itself, where Microsoft's
 * "Maintain the Exchange Server OAuth certificate" says to look: its last run
 * ({@code Get-ExchangeDiagnosticInfo -Process Microsoft.Exchange.ServiceHost}) and the certificates it
 * made current (event 2014 of MSExchange AuthAdmin in the Application log).
 *
 * @param lastRun   when the servicelet last ran; null when it could not be read
 * @param published the newest event-2014 entries, newest first; null when the log could not be read
 *                  (an empty list means it was read and holds none)
 */
public record AuthAdminFacts(Instant lastRun, List<Publish> published) {

    /** One "The current signing certificate for Exchange has been updated to certificate with thumbprint T." entry. */
    public record Publish(String thumbprint, Instant at) {
    }

    public AuthAdminFacts {
        published = published == null ? null : List.copyOf(published);
    }

    /** Nothing could be read (an Edge server, an export, a gathering script that predates these facts). */
    public static final AuthAdminFacts UNKNOWN = new AuthAdminFacts(null, null);

    public boolean publishedKnown() {
        return published != null;
    }

    /** When this server's servicelet last made {@code thumbprint} current, if its log says so. */
    public Optional<Instant> publishedAt(String thumbprint) {
        if (published == null || thumbprint == null) {
            return Optional.empty();
        }
        return published.stream().filter(p -> thumbprint.equalsIgnoreCase(p.thumbprint())).map(Publish::at)
                .max(Comparator.naturalOrder());
    }
}
