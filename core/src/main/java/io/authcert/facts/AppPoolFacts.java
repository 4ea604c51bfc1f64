package io.authcert.facts;

import java.time.Instant;

/** An IIS application pool (MSExchangeOWAAppPool, MSExchangeECPAppPool); startTime of its worker process, null if none. */
public record AppPoolFacts(String name, String state, Instant startTime) {
}
