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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Gathers facts from many hosts: ONE run of {@code gather.ps1} per host, all hosts in parallel up to
 * {@code forks}. A host that fails becomes {@link HostFacts#failed} with one plain line; the others
 * still come back. No retry here: the transport retries only what cannot have run.
 */
public final class FactsGatherer {

    /** The default number of hosts gathered at once, as Ansible's {@code --forks}. */
    public static final int DEFAULT_FORKS = 50;

    /** Long enough for Get-ExchangeCertificate on a slow server, short enough to notice a hung one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private static final String SCRIPT = PsScript.resource(FactsGatherer.class, "gather.ps1").render();

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
            List<Future<HostFacts>> futures = new ArrayList<>();
            for (InventoryHost host : hosts) {
                futures.add(pool.submit(() -> gatherOne(host)));
            }
            for (int i = 0; i < hosts.size(); i++) {
                String name = hosts.get(i).name();
                out.put(name, await(name, futures.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        return new Facts(out);
    }

    /** One host, never throwing: every failure is one plain line in the returned facts. */
    public HostFacts gatherOne(InventoryHost host) {
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
            result = transport.run(target, SCRIPT, timeout);
        } catch (TransportException e) {
            return HostFacts.failed(host.name(), clock.instant(), describe(host.name(), e));
        }
        Instant answeredAt = clock.instant();
        if (!result.succeeded()) {
            String why = result.stderr() == null || result.stderr().isBlank()
                    ? "no error text" : oneLine(result.stderr());
            return HostFacts.failed(host.name(), answeredAt,
                    "the gathering script failed (exit " + result.exitCode() + "): " + why);
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
