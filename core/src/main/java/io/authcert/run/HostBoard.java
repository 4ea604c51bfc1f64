package io.authcert.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each host's standing during a run: still going, or failed (and why). A failed host takes no
 * further step; the board is shared by the threads of a phase, so every method is synchronized.
 */
final class HostBoard {

    private final List<String> hosts;
    private final Map<String, String> failed = new LinkedHashMap<>();

    HostBoard(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    synchronized void fail(String host, String reason) {
        failed.putIfAbsent(host, reason);
    }

    synchronized boolean isFailed(String host) {
        return failed.containsKey(host);
    }

    synchronized boolean anyFailed() {
        return !failed.isEmpty();
    }

    synchronized String reason(String host) {
        return failed.get(host);
    }

    /** Failed hosts in inventory order (hosts outside the inventory list last). */
    synchronized List<String> failedHosts() {
        List<String> out = new ArrayList<>();
        hosts.stream().filter(failed::containsKey).forEach(out::add);
        failed.keySet().stream().filter(h -> !hosts.contains(h)).forEach(out::add);
        return out;
    }

    List<String> hosts() {
        return hosts;
    }
}
