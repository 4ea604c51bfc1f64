package io.authcert.workflow;

import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaSignInTarget;
import io.authcert.inventory.InventoryHost;
import io.authcert.plan.GuardRails;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.run.HealthVerifier;
import io.authcert.run.VerifyCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verification as {@code engine apply} does it: gather and plan again (nothing may be left but what
 * a staged rotation leaves for later), then OWA health where {@code owa_health_url} is set, then OWA's
 * forms sign-in as the test mailbox where {@code owa_probe_user} is set (shown as not checked elsewhere),
 * each retried until healthy or {@code healthTimeout}. A new plan that holds something back for a person (servers
 * of the organisation outside it) makes the outcome {@link Outcome#NEEDS_HUMAN}, never verified.
 */
public final class ReplanVerifier implements Verifier {

    private final FactsSource facts;
    private final HealthVerifier health;
    private final Duration healthTimeout;
    private final ApplyListener listener;
    private final Clock clock;
    private final GuardRails guard;

    public ReplanVerifier(FactsSource facts, HealthVerifier health, Duration healthTimeout, ApplyListener listener, Clock clock) {
        this(facts, health, healthTimeout, listener, clock, GuardRails.NONE);
    }

    /** Verification within {@code guard}: what the guard rails hold back of the new plan is not left undone by the apply. */
    public ReplanVerifier(FactsSource facts, HealthVerifier health, Duration healthTimeout, ApplyListener listener, Clock clock,
            GuardRails guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.health = Objects.requireNonNull(health, "health");
        this.healthTimeout = Objects.requireNonNull(healthTimeout, "healthTimeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome verify(SelectedPlay play) throws InterruptedException {
        return verify(play, healthTimeout);
    }

    @Override
    public Outcome verifyOnce(SelectedPlay play) throws InterruptedException {
        return verify(play, Duration.ZERO);
    }

    private Outcome verify(SelectedPlay play, Duration healthTimeout) throws InterruptedException {
        listener.verifying();
        boolean ok;
        boolean needsHuman = false;
        try {
            VerifyCheck.Verdict verdict = VerifyCheck.check(guard.apply(new Planner().plan(
                    play.planRequest(facts.gather(play.hosts()), clock.instant()))).runnable());
            listener.verdict(verdict);
            ok = verdict.converged();
            needsHuman = verdict.needsHuman();
        } catch (PlanningException e) {
            listener.cannotVerify(e.reasons());
            ok = false;
        }
        Map<String, String> urls = healthUrls(play.hosts());
        if (urls.values().stream().anyMatch(Objects::nonNull)) {
            Map<String, OwaHealth> after = health.untilHealthy(urls, healthTimeout);
            listener.health("OWA health after", after);
            boolean healthy = after.values().stream().allMatch(h -> h.status() == OwaHealth.Status.HEALTHY
                    || h.status() == OwaHealth.Status.NOT_CONFIGURED);
            ok &= healthy;
            needsHuman &= healthy;
        }
        // The health pages answer 200 with an expired Auth certificate; only a sign-in shows the outage.
        Map<String, OwaHealth> signIn = health.untilSignedIn(signInTargets(play.hosts()), healthTimeout);
        listener.health("OWA sign-in after", signIn);
        boolean signedIn = signIn.values().stream().allMatch(h -> h.status() == OwaHealth.Status.HEALTHY
                || h.status() == OwaHealth.Status.NOT_CONFIGURED);
        ok &= signedIn;
        needsHuman &= signedIn;
        Outcome outcome = ok ? Outcome.VERIFIED : needsHuman ? Outcome.NEEDS_HUMAN : Outcome.FAILED;
        listener.verified(outcome);
        return outcome;
    }

    /** Each host's test mailbox sign-in, or why it is not checked. */
    static Map<String, OwaSignInTarget> signInTargets(List<InventoryHost> hosts) {
        Map<String, OwaSignInTarget> targets = new LinkedHashMap<>();
        hosts.forEach(h -> targets.put(h.name(), OwaSignInTarget.of(h)));
        return targets;
    }

    /** Each host's {@code owa_health_url} (null where it has none). */
    static Map<String, String> healthUrls(List<InventoryHost> hosts) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (InventoryHost h : hosts) {
            Object url = h.vars().get(OwaHealth.URL_VAR);
            urls.put(h.name(), url == null ? null : url.toString());
        }
        return urls;
    }
}
