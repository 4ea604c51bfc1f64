package io.authcert.plan;

import java.util.List;
import java.util.Optional;

/** The words every rendering uses for servers outside the plan and what they hold back. */
final class OutsideServers {

    private OutsideServers() {
    }

    static String state(OutsideServer s) {
        return s.ignored() ? "ignored on purpose (--ignore-server); the plan goes on without it"
                : "not checked; holds back what could break it";
    }

    /** How to resolve the servers nobody vouches for, when there are any. */
    static Optional<String> hint(Plan plan) {
        List<String> names = plan.outsideServers().stream().filter(s -> !s.ignored()).map(OutsideServer::name).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("add " + (names.size() == 1 ? "it" : "them") + " to the inventory and the play's hosts so the plan"
                + " covers " + (names.size() == 1 ? "it" : "them") + "; if decommissioned or unreachable on purpose, plan and apply with "
                + String.join(" ", names.stream().map(n -> "--ignore-server " + n).toList()));
    }

    /** The closing line of a plan that holds something back. */
    static String needsHumanLine(Plan plan) {
        int n = plan.held().size();
        return "Needs a person: " + n + " held back (see above); an apply does only the rest.";
    }
}
