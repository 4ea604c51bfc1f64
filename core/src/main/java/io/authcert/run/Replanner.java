package io.authcert.run;

import io.authcert.plan.Plan;
import java.util.Set;

/**
 * Gathers facts again and plans again, so the executor can continue from what is true after a lost
 * response (the command may or may not have run, so it is never simply sent again). The CLI wires
 * it to the facts gatherer and the planner; the executor knows neither.
 */
@FunctionalInterface
public interface Replanner {

    /**
     * @param lostHosts the hosts whose response was lost (their facts must be gathered again)
     * @return the plan from fresh facts: what still has to happen
     */
    Plan replan(Set<String> lostHosts) throws Exception;
}
