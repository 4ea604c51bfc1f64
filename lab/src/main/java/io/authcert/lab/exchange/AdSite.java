package io.authcert.lab.exchange;

import java.time.Duration;

/** An Active Directory site and how long an AD write takes to replicate into it. */
public record AdSite(String name, Duration replicationDelay) {
}
