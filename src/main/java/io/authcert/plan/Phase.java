package io.authcert.plan;

import java.util.List;

/**
 * Steps that may run in parallel across hosts. The next phase starts only when every host has
 * finished this one (the barrier).
 *
 * @param rolling true when its steps follow the play's {@code serial} batches (restarts, recycles)
 */
public record Phase(int number, String name, boolean rolling, List<Step> steps) {

    public Phase {
        steps = List.copyOf(steps);
    }
}
