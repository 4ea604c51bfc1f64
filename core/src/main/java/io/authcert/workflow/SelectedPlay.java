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

/**
 * The one play a plan covers, the inventory hosts it selected (in inventory order), and the servers
 * of the organisation outside them that the person ignores on purpose ({@code --ignore-server}, or
 * those a saved plan ignored).
 */
public record SelectedPlay(String playbook, Play play, List<InventoryHost> hosts, List<String> ignoredServers) {

    public SelectedPlay {
        Objects.requireNonNull(playbook, "playbook");
        Objects.requireNonNull(play, "play");
        hosts = List.copyOf(hosts);
        ignoredServers = ignoredServers == null ? List.of() : List.copyOf(ignoredServers);
    }

    /** A play that ignores no server. */
    public SelectedPlay(String playbook, Play play, List<InventoryHost> hosts) {
        this(playbook, play, hosts, null);
    }

    /** The same play and hosts, ignoring these servers outside them. */
    public SelectedPlay withIgnoredServers(List<String> servers) {
        return new SelectedPlay(playbook, play, hosts, servers);
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
        return PlanRequest.forPlay(playbook, play, names(), orgVars(), facts, at).withIgnoredServers(ignoredServers);
    }

    /** The same, with the Service Host nudge interval the plan's waits are to carry. */
    public PlanRequest planRequest(Facts facts, Instant at, java.time.Duration nudgeInterval) {
        return planRequest(facts, at).withNudgeInterval(nudgeInterval);
    }
}
