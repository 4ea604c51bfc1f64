package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code --now} of plan and rehearse: plan as of this ISO-8601 instant, else at the clock's now. */
final class NowOption {

    private NowOption() {
    }

    static Instant instant(String now, Clock clock) {
        if (now == null) {
            return clock.instant();
        }
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw InputException.of(SourceLocation.ofFile("--now"), "not an ISO-8601 instant: " + now,
                    "write it in UTC like 2026-12-01T06:00:00Z");
        }
    }
}
