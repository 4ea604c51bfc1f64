package io.authcert.facts;

import io.authcert.inventory.InventoryHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Probes the {@code owa_health_url} of every host that has one, in parallel. */
public final class OwaHealthChecks {

    private final OwaHealthProbe probe;
    private final Duration timeout;

    public OwaHealthChecks(OwaHealthProbe probe, Duration timeout) {
        this.probe = probe;
        this.timeout = timeout;
    }

    /** {@code owa_health_ca_trust_path}, else the host's {@code ansible_winrm_ca_trust_path}, else none. */
    static java.nio.file.Path caTrust(InventoryHost h) {
        Object ca = h.vars().getOrDefault(OwaHealth.CA_TRUST_VAR, h.vars().get("ansible_winrm_ca_trust_path"));
        return ca == null || ca.toString().isBlank() ? null : java.nio.file.Path.of(ca.toString().trim());
    }

    /** Health per host name; hosts without a URL are {@link OwaHealth.Status#NOT_CONFIGURED}. */
    public Map<String, OwaHealth> check(List<InventoryHost> hosts, int forks) {
        Map<String, OwaHealth> out = new LinkedHashMap<>();
        List<InventoryHost> withUrl = new ArrayList<>();
        for (InventoryHost h : hosts) {
            Object url = h.vars().get(OwaHealth.URL_VAR);
            if (url == null || url.toString().isBlank()) {
                out.put(h.name(), OwaHealth.notConfigured());
            } else {
                withUrl.add(h);
            }
        }
        if (withUrl.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(forks, withUrl.size())), r -> {
            Thread t = new Thread(r, "owa-health");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<OwaHealth>> futures = withUrl.stream()
                    .map(h -> CompletableFuture.supplyAsync(
                            () -> probe.probe(h.vars().get(OwaHealth.URL_VAR).toString(), timeout, caTrust(h)), pool))
                    .toList();
            for (int i = 0; i < withUrl.size(); i++) {
                out.put(withUrl.get(i).name(), futures.get(i).join());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, OwaHealth> ordered = new LinkedHashMap<>();
        hosts.forEach(h -> ordered.put(h.name(), out.get(h.name())));
        return ordered;
    }

    /**
     * Signs in as each host's test mailbox ({@code owa_probe_user}) in parallel; hosts without one are
     * {@link OwaHealth.Status#NOT_CONFIGURED} with the reason (sign-in not checked, never healthy).
     */
    public Map<String, OwaHealth> signIn(List<InventoryHost> hosts, OwaSignInProbe signIn, int forks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(forks, Math.max(1, hosts.size()))), r -> {
            Thread t = new Thread(r, "owa-sign-in");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<OwaHealth>> futures = hosts.stream()
                    .map(OwaSignInTarget::of)
                    .map(t -> CompletableFuture.supplyAsync(() -> signIn.signIn(t, timeout), pool))
                    .toList();
            Map<String, OwaHealth> out = new LinkedHashMap<>();
            for (int i = 0; i < hosts.size(); i++) {
                out.put(hosts.get(i).name(), futures.get(i).join());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
