package io.authcert.workflow;

import io.authcert.facts.Facts;
import io.authcert.facts.Organizations;
import io.authcert.inventory.InventoryHost;
import io.authcert.plan.PlanRequest;
import io.authcert.playbook.Play;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The one play a plan covers, and the inventory hosts it selected (in inventory order). */
public record SelectedPlay(String playbook, Play play, List<InventoryHost> hosts) {

    public SelectedPlay {
        Objects.requireNonNull(playbook, "playbook");
        Objects.requireNonNull(play, "play");
        hosts = List.copyOf(hosts);
    }

    public List<String> names() {
        return hosts.stream().map(InventoryHost::name).toList();
    }

    /** The organisation variables of the selected hosts. */
    public Map<String, String> orgVars() {
        return Organizations.fromInventory(hosts);
    }

    /** What the planner needs to plan this play from {@code facts} as of {@code at}. */
    public PlanRequest planRequest(Facts facts, Instant at) {
        return PlanRequest.forPlay(playbook, play, names(), orgVars(), facts, at);
    }

    /** The same, with the Service Host nudge interval the plan's waits are to carry. */
    public PlanRequest planRequest(Facts facts, Instant at, java.time.Duration nudgeInterval) {
        return planRequest(facts, at).withNudgeInterval(nudgeInterval);
    }
}
