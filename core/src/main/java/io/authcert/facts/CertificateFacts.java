package io.authcert.facts;

import java.time.Instant;
import java.util.List;

/** One certificate in a server's local store, as {@code Get-ExchangeCertificate} shows it. */
public record CertificateFacts(
        String thumbprint,
        String subject,
        String friendlyName,
        Instant notBefore,
        Instant notAfter,
        boolean hasPrivateKey,
        boolean privateKeyExportable,
        boolean selfSigned,
        List<String> services,
        String status,
        int keySize,
        List<String> domains) {

    public CertificateFacts {
        services = services == null ? List.of() : List.copyOf(services);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }
}
