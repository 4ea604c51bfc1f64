package io.authcert.report;

import java.util.List;

/**
 * How a whole apply ended, for the reports: written on success, on "nothing to do", on a planning
 * failure, a stale or edited plan, a held lock, an abort, and when verification fails (then the run's
 * steps may all have succeeded, but the apply did not).
 *
 * @param status       the apply's ending: {@code applied}, {@code nothing_to_do}, {@code failed},
 *                     {@code needs_human}, {@code cannot_plan}, {@code stale}, {@code edited},
 *                     {@code not_confirmed}, {@code lock_held}, {@code interrupted}, {@code held_back},
 *                     {@code too_many_hosts}, {@code error}
 * @param verification {@code verified}, {@code needs_human}, {@code failed}, or null when it did not run
 * @param exitCode     the process's exit code
 * @param problems     why it ended so, one plain line each; empty when it succeeded
 */
public record ApplyOutcome(String status, String verification, int exitCode, List<String> problems) {

    public ApplyOutcome {
        problems = List.copyOf(problems);
    }

    /** Applied, or nothing to do and verified. */
    public boolean succeeded() {
        return status.equals("applied") || status.equals("nothing_to_do");
    }
}
