package io.authcert.plan;

import java.util.List;

/**
 * What the plan holds back because it cannot know it is safe, and which needs a person: steps it
 * would otherwise take (clear the previous certificate, stage a new one), or the verdict that the
 * organisation is healthy, while servers of the organisation are outside the plan.
 *
 * @param organisation the organisation concerned
 * @param host         the host the held steps would run on (the organisation's primary)
 * @param actions      the steps held back; empty when only the verdict is held
 * @param reason       why, in words, naming the servers
 */
public record Hold(String organisation, String host, List<Action> actions, String reason) {

    public Hold {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** "clear_previous_certificate" or "create_certificate, stage_next_certificate"; "verdict" when no step is held. */
    public String what() {
        return actions.isEmpty() ? "verdict" : String.join(", ", actions.stream().map(Action::jsonName).toList());
    }
}
