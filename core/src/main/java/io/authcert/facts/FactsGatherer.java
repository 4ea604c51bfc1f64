package io.authcert.facts;

import io.authcert.diag.InputException;
import io.authcert.inventory.InventoryHost;
import io.authcert.powershell.PsScript;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Gathers facts from many hosts: ONE run of {@code gather.ps1} per host, all hosts in parallel up to
 * {@code forks}. A host that fails becomes {@link HostFacts#failed} with one plain line; the others
 * still come back. No retry here: the transport retries only what cannot have run.
 *
 * <p>Every server of an organisation lists the same servers ({@code Get-ExchangeServer} reads AD), so one
 * server per organisation is asked for the list and the others are told not to list it: with N servers each
 * listing N, a 1,000-server organisation would send and parse a million entries. When the one asked cannot
 * list (unreachable, an Edge server, a failure), one more server of that organisation is gathered with it.
 */
public final class FactsGatherer {

    /** The default number of hosts gathered at once, as Ansible's {@code --forks}. */
    public static final int DEFAULT_FORKS = 50;

    /** Long enough for Get-ExchangeCertificate on a slow server, short enough to notice a hung one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private static final String SCRIPT = PsScript.resource(FactsGatherer.class, "gather.ps1").render();

    /** The same script on a server that need not list the organisation's servers (a fixed line, nothing spliced). */
    private static final String SCRIPT_NOT_LISTING = "$listOrganizationServers = $false\n" + SCRIPT;

    private final Transport transport;
    private final Function<InventoryHost, Target> targets;
    private final GatherOutputParser parser;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param targets builds a host's {@link Target} from its variables; may throw
     *                {@link IllegalArgumentException} (its message is shown) for unusable variables
     */
    public FactsGatherer(Transport transport, Function<InventoryHost, Target> targets, Clock clock, Duration timeout) {
        this.transport = transport;
        this.targets = targets;
        this.parser = new GatherOutputParser();
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The script sent to every host (for tests and {@code --debug}). */
    public static String script() {
        return SCRIPT;
    }

    /** The script sent to a host that is not asked for the organisation's servers. */
    static String scriptNotListing() {
        return SCRIPT_NOT_LISTING;
    }

    /** Facts for every host, in the order given. */
    public Facts gather(List<InventoryHost> hosts, int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, not " + forks);
        }
        Map<String, HostFacts> out = new LinkedHashMap<>();
        if (hosts.isEmpty()) {
            return new Facts(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, hosts.size()), r -> {
            Thread t = new Thread(r, "facts");
            t.setDaemon(true);
            return t;
        });
        try {
            Set<String> listers = firstOfEachInventoryOrganisation(hosts);
            out.putAll(gatherAll(pool, hosts, h -> listers.contains(h.name())));
            List<InventoryHost> again = listersAfterAll(hosts, out);
            out.putAll(gatherAll(pool, again, h -> true));
        } finally {
            pool.shutdownNow();
        }
        return new Facts(out);
    }

    private Map<String, HostFacts> gatherAll(ExecutorService pool, List<InventoryHost> hosts, Predicate<InventoryHost> lists) {
        List<Future<HostFacts>> futures = new ArrayList<>();
        for (InventoryHost host : hosts) {
            boolean listing = lists.test(host);
            futures.add(pool.submit(() -> gatherOne(host, listing)));
        }
        Map<String, HostFacts> out = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            String name = hosts.get(i).name();
            out.put(name, await(name, futures.get(i)));
        }
        return out;
    }

    /** Before anything is known, the organisations are the inventory's ({@code exchange_org}; none: one). */
    private static Set<String> firstOfEachInventoryOrganisation(List<InventoryHost> hosts) {
        Map<String, String> first = new LinkedHashMap<>();
        for (InventoryHost host : hosts) {
            first.putIfAbsent(Objects.toString(Organizations.fromInventory(host), ""), host.name());
        }
        return new HashSet<>(first.values());
    }

    /**
     * For each organisation the answers name of which no server listed its servers, the server to ask now: its
     * first reachable Mailbox server that was not asked, else its first such server of any role.
     */
    private static List<InventoryHost> listersAfterAll(List<InventoryHost> hosts, Map<String, HostFacts> gathered) {
        Map<String, List<InventoryHost>> byOrganisation = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        for (InventoryHost host : hosts) {
            HostFacts f = gathered.get(host.name());
            if (f == null || !f.reachable()) {
                continue;
            }
            String org = Objects.toString(f.server().organization(), "");
            if (f.organizationServers().known()) {
                listed.add(org);
            } else if (f.organizationServers().notAsked()) {
                byOrganisation.computeIfAbsent(org, k -> new ArrayList<>()).add(host);
            }
        }
        List<InventoryHost> again = new ArrayList<>();
        byOrganisation.forEach((org, candidates) -> {
            if (!listed.contains(org)) {
                again.add(candidates.stream().filter(h -> gathered.get(h.name()).server().isMailbox()).findFirst()
                        .orElse(candidates.get(0)));
            }
        });
        return again;
    }

    /** One host with the organisation's servers, never throwing: every failure is one plain line in the returned facts. */
    public HostFacts gatherOne(InventoryHost host) {
        return gatherOne(host, true);
    }

    private HostFacts gatherOne(InventoryHost host, boolean listOrganizationServers) {
        Target target;
        try {
            target = targets.apply(host);
        } catch (InputException e) {
            // The resolver says "host NAME: ..." for every problem; the host is already known here. Where
            // (a vaulted value's file:line) and how to fix it (the hint) are kept: this line is all the user sees.
            String prefix = "host " + host.name() + ": ";
            String problems = e.diagnostics().stream()
                    .map(d -> (d.location() == null ? "" : d.location() + ": ")
                            + (d.message().startsWith(prefix) ? d.message().substring(prefix.length()) : d.message())
                            + (d.hint() == null ? "" : " (" + oneLine(d.hint()) + ")"))
                    .collect(java.util.stream.Collectors.joining("; "));
            return HostFacts.failed(host.name(), clock.instant(), "cannot connect as configured: " + oneLine(problems));
        } catch (RuntimeException e) {
            return HostFacts.failed(host.name(), clock.instant(), "cannot connect as configured: " + oneLine(e.getMessage()));
        }
        CommandResult result;
        try {
            result = transport.run(target, listOrganizationServers ? SCRIPT : SCRIPT_NOT_LISTING, timeout);
        } catch (TransportException e) {
            return HostFacts.failed(host.name(), clock.instant(), describe(host.name(), e));
        }
        Instant answeredAt = clock.instant();
        if (!result.succeeded()) {
            String why = result.stderr() == null || result.stderr().isBlank()
                    ? "no error text" : oneLine(result.stderr());
            String hint = io.authcert.transport.ExchangeShells.explain(target, result.stderr()).map(h -> " (" + h + ")")
                    .orElse("");
            return HostFacts.failed(host.name(), answeredAt,
                    "the gathering script failed (exit " + result.exitCode() + "): " + why + hint);
        }
        try {
            HostFacts facts = parser.parse(host.name(), answeredAt, result.stdout(), Organizations.fromInventory(host));
            // A simulated clock is the only clock for such a server: it answered at its own time, never "skewed".
            if (ServerClock.follows(host) && facts.server().clockUtc() != null) {
                return facts.onSimulatedClock(facts.server().clockUtc());
            }
            return facts;
        } catch (FactsParseException e) {
            return HostFacts.failed(host.name(), answeredAt, e.getMessage());
        }
    }

    private HostFacts await(String name, Future<HostFacts> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HostFacts.failed(name, clock.instant(), "internal error while gathering: " + oneLine(String.valueOf(cause)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostFacts.failed(name, clock.instant(), "interrupted before this host answered");
        }
    }

    static String describe(String host, TransportException e) {
        String what = switch (e.kind()) {
            case UNREACHABLE -> "unreachable";
            case AUTHENTICATION -> "authentication failed";
            case TIMED_OUT -> "timed out";
            case RESPONSE_LOST -> "response lost";
            case PROTOCOL -> "WinRM fault";
            case UNSUPPORTED -> "not supported";
        };
        String message = oneLine(e.getMessage());
        // Transports name the host first; the facts already belong to it.
        if (message.startsWith(host + ": ")) {
            message = message.substring(host.length() + 2);
        }
        return message.toLowerCase().startsWith(what) ? message : what + ": " + message;
    }

    /** The first non-blank line, trimmed: facts errors are one line each. */
    static String oneLine(String text) {
        if (text == null) {
            return "no details";
        }
        return text.replace("\uFEFF", "").lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no details");
    }
}
