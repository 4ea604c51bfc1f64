package io.authcert.plan;

import io.authcert.facts.Facts;
import io.authcert.playbook.Play;
import io.authcert.playbook.Serial;
import io.authcert.playbook.Task;
import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import io.authcert.playbook.modules.ModuleSpec;
import io.authcert.playbook.modules.ServiceRestartSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the planner needs, and nothing it would have to fetch: the play's shape, the typed
 * desired state, the facts and the clock.
 *
 * @param playbook          the playbook file, for display only
 * @param hosts             the in-scope hosts of the play, in inventory order
 * @param serial            the play's batch sizes for rolling restarts and recycles
 * @param certificate       the {@code exchange_auth_certificate} task's spec, or null when the play has none
 * @param backendBinding    the {@code exchange_backend_binding} task's spec, or null
 * @param serviceRestarts   the services to restart on a host whose Auth certificate changed (handlers)
 * @param appPoolRecycles   the app pools to recycle on a host whose Auth certificate changed (handlers)
 * @param organizationVars  host → value of its {@code exchange_org} variable, for hosts that set it
 * @param now               the moment the plan is made for (the clock, or {@code --now})
 * @param nudgeInterval     how often a wait may restart the Service Host on one server ({@code --nudge-interval});
 *                          the plan's wait steps carry it, so the executor never decides it
 * @param ignoredServers    servers of the organisation, outside the plan's hosts, that the person says are
 *                          decommissioned or unreachable on purpose ({@code --ignore-server}); names or FQDNs
 * @param commandTimeout    how long each command of the plan may run (the play's {@code timeout}), or null for
 *                          the planner's own limits
 */
public record PlanRequest(
        String playbook,
        List<String> hosts,
        Serial serial,
        Plan.FailurePolicy failurePolicy,
        AuthCertificateSpec certificate,
        BackendBindingSpec backendBinding,
        List<ServiceRestartSpec> serviceRestarts,
        List<AppPoolRecycleSpec> appPoolRecycles,
        Facts facts,
        Map<String, String> organizationVars,
        Instant now,
        java.time.Duration nudgeInterval,
        List<String> ignoredServers,
        java.time.Duration commandTimeout) {

    /** What the runbook restarts when no handler says otherwise. */
    public static final List<ServiceRestartSpec> DEFAULT_SERVICES = List.of(new ServiceRestartSpec(ExchangeNames.SERVICE_HOST));
    public static final List<AppPoolRecycleSpec> DEFAULT_APP_POOLS =
            List.of(new AppPoolRecycleSpec(ExchangeNames.OWA_APP_POOL), new AppPoolRecycleSpec(ExchangeNames.ECP_APP_POOL));

    public PlanRequest {
        hosts = List.copyOf(hosts);
        serial = serial == null ? Serial.ALL : serial;
        failurePolicy = failurePolicy == null ? Plan.FailurePolicy.DEFAULT : failurePolicy;
        serviceRestarts = serviceRestarts == null ? DEFAULT_SERVICES : List.copyOf(serviceRestarts);
        appPoolRecycles = appPoolRecycles == null ? DEFAULT_APP_POOLS : List.copyOf(appPoolRecycles);
        Objects.requireNonNull(facts, "facts");
        organizationVars = organizationVars == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(organizationVars));
        Objects.requireNonNull(now, "now");
        nudgeInterval = nudgeInterval == null ? Nudge.DEFAULT_INTERVAL : nudgeInterval;
        if (nudgeInterval.isNegative() || nudgeInterval.isZero()) {
            throw new IllegalArgumentException("the nudge interval must be positive, got " + nudgeInterval);
        }
        ignoredServers = ignoredServers == null ? List.of() : List.copyOf(ignoredServers);
        if (commandTimeout != null && (commandTimeout.isNegative() || commandTimeout.isZero())) {
            throw new IllegalArgumentException("the command timeout must be positive, got " + commandTimeout);
        }
    }

    /** A request without a command timeout of its own. */
    public PlanRequest(String playbook, List<String> hosts, Serial serial, Plan.FailurePolicy failurePolicy,
            AuthCertificateSpec certificate, BackendBindingSpec backendBinding, List<ServiceRestartSpec> serviceRestarts,
            List<AppPoolRecycleSpec> appPoolRecycles, Facts facts, Map<String, String> organizationVars, Instant now,
            java.time.Duration nudgeInterval, List<String> ignoredServers) {
        this(playbook, hosts, serial, failurePolicy, certificate, backendBinding, serviceRestarts, appPoolRecycles, facts,
                organizationVars, now, nudgeInterval, ignoredServers, null);
    }

    /** A request with the given nudge interval and no server ignored. */
    public PlanRequest(String playbook, List<String> hosts, Serial serial, Plan.FailurePolicy failurePolicy,
            AuthCertificateSpec certificate, BackendBindingSpec backendBinding, List<ServiceRestartSpec> serviceRestarts,
            List<AppPoolRecycleSpec> appPoolRecycles, Facts facts, Map<String, String> organizationVars, Instant now,
            java.time.Duration nudgeInterval) {
        this(playbook, hosts, serial, failurePolicy, certificate, backendBinding, serviceRestarts, appPoolRecycles, facts,
                organizationVars, now, nudgeInterval, null);
    }

    /** A request with the default nudge interval. */
    public PlanRequest(String playbook, List<String> hosts, Serial serial, Plan.FailurePolicy failurePolicy,
            AuthCertificateSpec certificate, BackendBindingSpec backendBinding, List<ServiceRestartSpec> serviceRestarts,
            List<AppPoolRecycleSpec> appPoolRecycles, Facts facts, Map<String, String> organizationVars, Instant now) {
        this(playbook, hosts, serial, failurePolicy, certificate, backendBinding, serviceRestarts, appPoolRecycles, facts,
                organizationVars, now, null, null);
    }

    /** The same request with another nudge interval. */
    public PlanRequest withNudgeInterval(java.time.Duration interval) {
        return new PlanRequest(playbook, hosts, serial, failurePolicy, certificate, backendBinding, serviceRestarts,
                appPoolRecycles, facts, organizationVars, now, interval, ignoredServers, commandTimeout);
    }

    /** The same request with these servers outside the plan ignored on purpose. */
    public PlanRequest withIgnoredServers(List<String> servers) {
        return new PlanRequest(playbook, hosts, serial, failurePolicy, certificate, backendBinding, serviceRestarts,
                appPoolRecycles, facts, organizationVars, now, nudgeInterval, servers, commandTimeout);
    }

    /**
     * The request for one play: its first {@code exchange_auth_certificate} and
     * {@code exchange_backend_binding} tasks, and the {@code service_restart} / {@code app_pool_recycle}
     * handlers those tasks notify (the runbook's MSExchangeServiceHost, OWA and ECP when they notify none).
     */
    public static PlanRequest forPlay(String playbook, Play play, List<String> hosts, Map<String, String> organizationVars,
            Facts facts, Instant now) {
        AuthCertificateSpec certificate = null;
        BackendBindingSpec binding = null;
        List<Task> notified = new ArrayList<>();
        for (Task task : play.tasks()) {
            ModuleSpec spec = task.spec();
            if (spec instanceof AuthCertificateSpec a && certificate == null) {
                certificate = a;
                notified.addAll(play.handlersNotifiedBy(task));
            } else if (spec instanceof BackendBindingSpec b && binding == null) {
                binding = b;
            }
        }
        List<ServiceRestartSpec> services = new ArrayList<>();
        List<AppPoolRecycleSpec> pools = new ArrayList<>();
        for (Task handler : notified) {
            if (handler.spec() instanceof ServiceRestartSpec s) {
                services.add(s);
            } else if (handler.spec() instanceof AppPoolRecycleSpec p) {
                pools.add(p);
            }
        }
        boolean none = services.isEmpty() && pools.isEmpty();
        return new PlanRequest(playbook, hosts, play.serial(),
                new Plan.FailurePolicy(play.anyErrorsFatal(), play.maxFailPercentage()),
                certificate, binding, none ? DEFAULT_SERVICES : services, none ? DEFAULT_APP_POOLS : pools,
                facts, organizationVars, now, null, null, play.timeout());
    }
}
