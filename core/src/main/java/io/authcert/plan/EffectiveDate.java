package io.authcert.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * How many days ahead a staged certificate becomes effective: {@code stage_days} (never under 2,
 * Exchange's 48-hour rule), shortened as Microsoft's monitoring script does when the current
 * certificate expires sooner: 4 days, then 2, then 0 (no time to stage: replace immediately).
 */
final class EffectiveDate {

    static final int MINIMUM_STAGE_DAYS = 2;

    private EffectiveDate() {
    }

    static int days(int stageDays, Instant now, Instant currentNotAfter) {
        int wanted = Math.max(MINIMUM_STAGE_DAYS, stageDays);
        long lifetime = Duration.between(now, currentNotAfter).toDays();
        if (lifetime >= wanted + 2L) {
            return wanted;
        }
        if (lifetime - 4 > 0 && wanted >= 4) {
            return 4;
        }
        if (lifetime - 2 > 0) {
            return MINIMUM_STAGE_DAYS;
        }
        return 0;
    }
}
