package io.authcert.run;

import io.authcert.plan.Plan;
import java.util.Collection;
import java.util.List;

/**
 * Ansible's failure policy, applied at each barrier: whether the hosts that are still fine may go on.
 * {@code any_errors_fatal} stops everyone after any failure; {@code max_fail_percentage} stops
 * everyone when the share of failed hosts exceeds it (strictly, as Ansible); without either, the run
 * goes on with the remaining hosts and stops only when none remain.
 */
public final class FailurePolicyCheck {

    /** Go on, or stop every host with the reason. */
    public record Verdict(boolean proceed, String reason) {
        static final Verdict PROCEED = new Verdict(true, "");
    }

    private final Plan.FailurePolicy policy;

    public FailurePolicyCheck(Plan.FailurePolicy policy) {
        this.policy = policy == null ? Plan.FailurePolicy.DEFAULT : policy;
    }

    /**
     * @param hosts  the hosts the barrier closes over (the play's hosts, or a rolling batch's)
     * @param failed every host failed so far
     */
    public Verdict check(List<String> hosts, Collection<String> failed) {
        List<String> failedHere = hosts.stream().filter(failed::contains).toList();
        if (failedHere.isEmpty() || hosts.isEmpty()) {
            return Verdict.PROCEED;
        }
        if (policy.anyErrorsFatal()) {
            return new Verdict(false, "any_errors_fatal: " + String.join(", ", failedHere)
                    + " failed, so every host stops here");
        }
        Integer max = policy.maxFailPercentage();
        if (max != null) {
            double percent = 100.0 * failedHere.size() / hosts.size();
            if (percent > max) {
                return new Verdict(false, String.format(java.util.Locale.ROOT,
                        "max_fail_percentage %d%% exceeded: %d of %d hosts failed (%s)",
                        max, failedHere.size(), hosts.size(), String.join(", ", failedHere)));
            }
        }
        if (failedHere.size() == hosts.size()) {
            return new Verdict(false, "no hosts remaining: every host failed");
        }
        return Verdict.PROCEED;
    }
}
