package io.authcert.facts;

import java.time.Instant;
import java.util.List;

/**
 * One certificate in a server's local store, as {@code Get-ExchangeCertificate} shows it.
 *
 * @param hasPrivateKey        null when unknown (a certificate read from RawData alone whose key the store did not tell)
 * @param privateKeyExportable null when unknown
 * @param services             null when unknown (RawData only): never read as "no service"
 */
public record CertificateFacts(
        String thumbprint,
        String subject,
        String friendlyName,
        Instant notBefore,
        Instant notAfter,
        Boolean hasPrivateKey,
        Boolean privateKeyExportable,
        boolean selfSigned,
        List<String> services,
        String status,
        int keySize,
        List<String> domains) {

    public CertificateFacts {
        services = services == null ? null : List.copyOf(services);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }

    /** True only when the store said it has its private key. */
    public boolean keyPresent() {
        return Boolean.TRUE.equals(hasPrivateKey);
    }

    /** True only when the store said it has no private key. */
    public boolean keyAbsent() {
        return Boolean.FALSE.equals(hasPrivateKey);
    }

    /** Whether it has its private key is not known. */
    public boolean keyUnknown() {
        return hasPrivateKey == null;
    }

    /** True when the certificate is known to be enabled for {@code service} (unknown services: false). */
    public boolean enabledFor(String service) {
        return services != null && services.stream().anyMatch(s -> s.equalsIgnoreCase(service));
    }
}
