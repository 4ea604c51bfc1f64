package io.authcert.fuzz;

import io.authcert.facts.Facts;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanRequest;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.time.Instant;
import java.util.List;

/** The bridge from the facts parsers to the planner: whatever facts a parser accepts, the planner must take too. */
public final class Planning {

    public static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private Planning() {
    }

    /** Plans every host of {@code facts} with the shipped playbook's desired state: a plan or a PlanningException. */
    public static Refusals.Outcome<Plan> planAll(Facts facts) {
        PlanRequest request = new PlanRequest("playbooks/auth-certificate.yml", List.copyOf(facts.hosts().keySet()), null, null,
                AuthCertificateSpec.defaults(), BackendBindingSpec.defaults(), null, null, facts, null, NOW);
        return Refusals.acceptsOrRefuses(PlanningException.class, () -> new Planner().plan(request));
    }
}
