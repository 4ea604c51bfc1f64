package io.authcert.facts;

import java.nio.file.Path;
import java.time.Duration;

/** Asks a server's OWA health URL whether OWA works. */
public interface OwaHealthProbe {

    /** Never throws: failures are {@link OwaHealth.Status#UNREACHABLE} with a one-line detail. */
    OwaHealth probe(String url, Duration timeout);

    /**
     * As {@link #probe(String, Duration)}, trusting only the CA certificates of the PEM file
     * {@code caTrustPath} for HTTPS (null: the JVM's trust store).
     */
    default OwaHealth probe(String url, Duration timeout, Path caTrustPath) {
        return probe(url, timeout);
    }
}
