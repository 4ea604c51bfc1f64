package io.authcert.facts;

import java.time.Duration;

/** Asks a server's OWA health URL whether OWA works. */
public interface OwaHealthProbe {

    /** Never throws: failures are {@link OwaHealth.Status#UNREACHABLE} with a one-line detail. */
    OwaHealth probe(String url, Duration timeout);
}
