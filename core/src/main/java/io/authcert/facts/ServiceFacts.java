package io.authcert.facts;

import java.time.Instant;

/** A Windows service's state ({@code MSExchangeServiceHost}); startTime null when stopped or unknown. */
public record ServiceFacts(String name, String status, Instant startTime) {
}
