package io.authcert.plan;

import io.authcert.facts.CertificateFacts;
import io.authcert.facts.HostFacts;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the create step does about the server's default SMTP (internal transport) certificate, read from
 * {@code Get-TransportService}'s InternalTransportCertificateThumbprint, never guessed. MEAC
 * ({@code ConfigurationAction/New-ExchangeAuthCertificate.ps1}) lets New-ExchangeCertificate take it over
 * and then enables the previous one again; when that one is not on the server, it makes a new one first.
 *
 * @param kind       what to do
 * @param thumbprint the certificate given SMTP back ({@link Kind#RESTORE}), else null
 * @param why        for the plan's warning ({@link Kind#NO_SERVICE}), else null
 */
record SmtpHandover(Kind kind, String thumbprint, String why) {

    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-F]{40}");

    enum Kind {
        /** Create the Auth certificate for SMTP, then enable the internal transport certificate for SMTP again. */
        RESTORE,
        /** The named internal transport certificate is not usable on the server: make a new one, as MEAC does. */
        RENEW,
        /** Unknown: create the Auth certificate for no service, so it cannot take over the default. */
        NO_SERVICE
    }

    static SmtpHandover of(HostFacts primary, Instant now) {
        String named = primary.internalTransportCertificate();
        if (named == null) {
            return new SmtpHandover(Kind.NO_SERVICE, null, "the internal transport (default SMTP) certificate of "
                    + Organisation.serverName(primary) + " is unknown (Get-TransportService was not read)");
        }
        if (!THUMBPRINT.matcher(named).matches()) {
            return new SmtpHandover(Kind.NO_SERVICE, null, "Get-TransportService names '" + named
                    + "' as the internal transport certificate of " + Organisation.serverName(primary) + ", not a thumbprint");
        }
        Optional<CertificateFacts> cert = primary.certificate(named);
        if (cert.isPresent() && cert.get().validAt(now) && !cert.get().keyAbsent()) {
            return new SmtpHandover(Kind.RESTORE, named, null);
        }
        return new SmtpHandover(Kind.RENEW, named, null);
    }
}
