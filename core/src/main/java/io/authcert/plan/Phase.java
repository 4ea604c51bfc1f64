package io.authcert.plan;

import java.util.List;

/**
 * Steps that may run in parallel across hosts. The next phase starts only when every host has
 * finished this one (the barrier). Within a phase, one host's steps run one after another in the
 * order listed; different hosts run in parallel (in {@code serial} batches when rolling).
 *
 * @param serial the play's {@code serial} batch sizes for a rolling phase (restarts, recycles): hosts
 *               go through in batches of these sizes; empty means every host at once
 */
public record Phase(int number, String name, List<String> serial, List<Step> steps) {

    public Phase {
        serial = serial == null ? List.of() : List.copyOf(serial);
        steps = List.copyOf(steps);
    }

    public boolean rolling() {
        return !serial.isEmpty();
    }
}
