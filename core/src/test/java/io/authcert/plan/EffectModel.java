package io.authcert.plan;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.BindingFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.ServiceFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each step is meant to do to the world, as a test model: applies a plan to facts, step by step,
 * and lets a property look at the world before each step. AuthConfig is one object per organisation;
 * a server reads the organisation's value after a wait on it (AD replication), the primary at once.
 */
final class EffectModel {

    /** The organisation's AuthConfig. */
    static final class OrgConfig {
        String current;
        String previous;
        String next;
        Instant nextDate;
    }

    interface Observer {
        void before(Step step, EffectModel world);
    }

    final Map<String, HostFacts> hosts = new LinkedHashMap<>();
    final Map<String, Map<String, CertificateFacts>> stores = new HashMap<>();
    final Map<String, AuthConfigFacts> readings = new HashMap<>();
    final Map<String, Instant> poolStarts = new HashMap<>();
    final Map<String, Instant> serviceStarts = new HashMap<>();
    final Map<String, String> bindings = new HashMap<>();
    final Map<String, OrgConfig> orgs = new HashMap<>();
    final Map<String, String> created = new HashMap<>();
    private final Instant applyTime;
    private final PlanRequest request;

    EffectModel(PlanRequest request, Instant applyTime) {
        this.request = request;
        this.applyTime = applyTime;
        for (HostFacts h : request.facts().hosts().values()) {
            hosts.put(h.host(), h);
            Map<String, CertificateFacts> store = new LinkedHashMap<>();
            h.certificates().forEach(c -> store.put(c.thumbprint(), c));
            stores.put(h.host(), store);
            if (h.authConfig() == null) {
                continue;
            }
            readings.put(h.host(), h.authConfig());
            h.appPools().forEach(p -> poolStarts.put(h.host() + "/" + p.name(), p.startTime()));
            bindings.put(h.host(), h.backendBinding() == null ? null : h.backendBinding().thumbprint());
        }
        // The organisation's AuthConfig is what its primary reads: the one 'primary' names, else the first Mailbox server.
        String primary = request.certificate() == null ? null : request.certificate().primary();
        for (String host : request.hosts()) {
            HostFacts h = hosts.get(host);
            if (primary != null && h != null && h.authConfig() != null
                    && (host.equalsIgnoreCase(primary) || Organisation.serverName(h).equalsIgnoreCase(primary))) {
                config(host);
            }
        }
        for (String host : request.hosts()) {
            HostFacts h = hosts.get(host);
            if (h != null && h.authConfig() != null && h.server().isMailbox()) {
                config(host);
            }
        }
    }

    String org(String host) {
        return Scope.organisationOf(request, hosts.get(host));
    }

    /** The organisation's AuthConfig, first seen as the given primary reads it. */
    OrgConfig config(String primary) {
        return orgs.computeIfAbsent(org(primary), k -> {
            AuthConfigFacts a = readings.get(primary);
            OrgConfig c = new OrgConfig();
            c.current = a.currentThumbprint();
            c.previous = a.previousThumbprint();
            c.next = a.nextThumbprint();
            c.nextDate = a.nextEffectiveDate();
            return c;
        });
    }

    boolean holds(String host, String thumbprint) {
        return thumbprint != null && stores.get(host).containsKey(thumbprint.toUpperCase(java.util.Locale.ROOT));
    }

    String thumbprintOf(Step step) {
        String tp = step.details().get("thumbprint");
        return tp != null ? tp : created.get(step.details().get("friendly_name"));
    }

    void apply(Plan plan, Observer observer) {
        for (Step step : plan.steps()) {
            observer.before(step, this);
            apply(step);
        }
    }

    private void apply(Step step) {
        String h = step.host();
        Instant t = applyTime;
        switch (step.action()) {
            case CREATE_CERTIFICATE -> {
                String name = step.details().get("friendly_name");
                String tp = FactsBuilder.tp("created:" + name);
                created.put(name, tp);
                stores.get(h).put(tp, new CertificateFacts(tp, request.certificate().subject(), name, t,
                        t.plus(Duration.ofDays(1826)), true, true, true, List.of("SMTP"), "Valid", 2048, List.of()));
            }
            case STAGE_NEXT_CERTIFICATE -> {
                OrgConfig c = config(h);
                c.next = thumbprintOf(step);
                c.nextDate = t.plus(Duration.ofDays(Long.parseLong(step.details().get("effective_in_days"))));
                read(h);
            }
            case PUBLISH_CERTIFICATE -> {
                OrgConfig c = config(h);
                if (c.next != null && c.next.equalsIgnoreCase(thumbprintOf(step))) {
                    c.previous = c.current;
                    c.current = c.next;
                    c.next = null;
                    c.nextDate = null;
                }
                read(h);
            }
            case CLEAR_PREVIOUS_CERTIFICATE -> {
                config(h).previous = null;
                read(h);
            }
            case IMPORT_CERTIFICATE, WAIT_FOR_CERTIFICATE -> {
                copyTo(h, thumbprintOf(step));
                read(h);
            }
            case WAIT_FOR_AUTH_CONFIG -> read(h);
            case RESTART_SERVICE -> serviceStarts.put(h, t.plusSeconds(1));
            case RECYCLE_APP_POOL -> poolStarts.put(h + "/" + step.details().get("app_pool"), t.plusSeconds(1));
            case BIND_BACKEND_CERTIFICATE -> bindings.put(h, step.details().get("thumbprint"));
            case MANUAL_FOLLOWUP -> { }
        }
    }

    private void copyTo(String host, String thumbprint) {
        for (Map<String, CertificateFacts> store : stores.values()) {
            CertificateFacts c = store.get(thumbprint);
            if (c != null) {
                stores.get(host).put(thumbprint, c);
                return;
            }
        }
    }

    /** The host reads its organisation's AuthConfig (replication reached it). */
    private void read(String host) {
        OrgConfig c = orgs.get(org(host));
        if (c == null) {
            return;
        }
        AuthConfigFacts old = readings.get(host);
        readings.put(host, new AuthConfigFacts(c.current, c.previous, c.next, c.nextDate, old.serviceName(), old.realm(),
                old.distinguishedName()));
    }

    Facts facts(Instant gatheredAt) {
        Map<String, HostFacts> out = new LinkedHashMap<>();
        for (HostFacts h : hosts.values()) {
            if (h.authConfig() == null) {
                out.put(h.host(), h);
                continue;
            }
            List<AppPoolFacts> pools = new ArrayList<>();
            for (AppPoolFacts p : h.appPools()) {
                pools.add(new AppPoolFacts(p.name(), p.state(), poolStarts.get(h.host() + "/" + p.name())));
            }
            ServiceFacts service = h.serviceHost() == null ? null : new ServiceFacts(h.serviceHost().name(),
                    h.serviceHost().status(), Optional.ofNullable(serviceStarts.get(h.host())).orElse(h.serviceHost().startTime()));
            BindingFacts binding = h.backendBinding() == null ? null
                    : new BindingFacts(h.backendBinding().site(), h.backendBinding().port(), bindings.get(h.host()));
            out.put(h.host(), new HostFacts(h.host(), gatheredAt, new io.authcert.facts.ServerInfo(h.server().name(),
                    h.server().fqdn(), h.server().version(), h.server().roles(), h.server().adSite(), h.server().edge(),
                    h.server().organization(), gatheredAt), readings.get(h.host()),
                    List.copyOf(stores.get(h.host()).values()), service, pools, binding, h.hybrid(), h.errors(), h.authAdmin(),
                    h.organizationServers()));
        }
        return new Facts(out);
    }
}
