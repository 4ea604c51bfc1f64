package io.authcert.facts;

import java.time.Instant;

/**
 * {@code Get-AuthConfig} as this server reads it (after AD replication, so two servers may differ).
 * Thumbprints are upper-case hex or null when unset.
 */
public record AuthConfigFacts(
        String currentThumbprint,
        String previousThumbprint,
        String nextThumbprint,
        Instant nextEffectiveDate,
        String serviceName,
        String realm,
        String distinguishedName) {
}
