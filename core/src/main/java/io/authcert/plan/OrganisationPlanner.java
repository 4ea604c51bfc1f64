package io.authcert.plan;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.HostFacts;
import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.AuthCertificateSpec.Distribute;
import io.authcert.playbook.modules.ServiceRestartSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one organisation's rotation decision and the smaller per-server decisions into steps, in the
 * runbook's order: organisation-wide steps once, on the primary; per-server steps where needed.
 */
final class OrganisationPlanner {

    private static final Duration SHORT = Duration.ofMinutes(5);
    private static final Duration LONG = Duration.ofMinutes(10);
    /** What a server lacking the certificate suffers, per path (KB 5005341: sign-in fails without a usable Auth certificate). */
    private static final String AFTER_SWITCH = "it cannot sign OWA and ECP tokens after the switch";
    private static final String ONCE_PUBLISHED = "it cannot sign OWA and ECP tokens once it is published";
    private static final String UNTIL_IT_ARRIVES = "OWA and ECP sign-in fail on it until it arrives";

    private final PlanRequest request;
    private final AuthCertificateSpec spec;
    private final Organisation org;
    private final StepCollector out;
    private final PlanNotes notes;
    private final String primaryHost;
    private final Coverage coverage;
    /** Step timeouts: the play's {@code timeout} when it sets one. */
    private final Duration shortTimeout;
    private final Duration longTimeout;

    OrganisationPlanner(PlanRequest request, Organisation org, Coverage coverage, StepCollector out, PlanNotes notes) {
        this.request = request;
        this.spec = request.certificate();
        this.org = org;
        this.coverage = coverage;
        this.out = out;
        this.notes = notes;
        this.primaryHost = org.primary().host();
        this.shortTimeout = request.commandTimeout() != null ? request.commandTimeout() : SHORT;
        this.longTimeout = request.commandTimeout() != null ? request.commandTimeout() : LONG;
    }

    /**
     * The runbook, with one rule for servers of the organisation outside the plan (docs/exchange.md,
     * "Every server of the organisation"): while any is neither a host of the plan nor ignored on
     * purpose, nothing is done that could break a server nobody checks. The previous certificate is
     * not cleared, no certificate is staged (the AuthAdmin servicelet would make it current everywhere
     * on its date), none is made current now unless the current one is already unusable on every server
     * (none named, expired, not yet valid), and the organisation is never called healthy.
     * What only touches the plan's own servers still happens.
     */
    void plan() {
        Rotation rotation = new RotationDecision(spec, org, request.now()).decide();
        boolean rotationHeld = false;
        switch (rotation.kind()) {
            case IMMEDIATE -> {
                if (rotation.certificate() == null || coverage.complete() || currentUnusableEverywhere()) {
                    immediate(rotation);
                } else {
                    rotationHeld = true;
                    hold(List.of(Action.CREATE_CERTIFICATE, Action.STAGE_NEXT_CERTIFICATE, Action.PUBLISH_CERTIFICATE,
                            Action.RESTART_SERVICE, Action.RECYCLE_APP_POOL, Action.CLEAR_PREVIOUS_CERTIFICATE),
                            rotation.reason() + "; but " + coverage.gap() + " may still hold and use the current"
                                    + " certificate and would lack the new one the moment it is published");
                }
            }
            case PUBLISH_DUE -> publishDue(rotation);
            case STAGE -> {
                if (coverage.complete()) {
                    stage(rotation);
                } else {
                    rotationHeld = true;
                    hold(rotation.creates() ? List.of(Action.CREATE_CERTIFICATE, Action.STAGE_NEXT_CERTIFICATE)
                            : List.of(Action.STAGE_NEXT_CERTIFICATE), rotation.reason() + "; but once staged, the AuthAdmin"
                            + " servicelet makes it current on its date on every server, and nothing checks that "
                            + coverage.gap() + " has it by then");
                }
                keepCurrentHealthy();
            }
            case NONE -> {
                keepCurrentHealthy();
                distributeStagedNext();
            }
        }
        if (!rotationHeld) {
            hybrid(rotation);
        }
        if (!coverage.complete()) {
            hold(List.of(), coverage.verdict());
        }
    }

    /**
     * True when the current certificate signs on no server at all, outside the plan included: AuthConfig
     * names none, or it has expired or is not yet valid (a certificate's dates are the same everywhere).
     * Replacing it then cannot break a server that works.
     */
    private boolean currentUnusableEverywhere() {
        String current = org.auth().currentThumbprint();
        if (!notBlank(current)) {
            return true;
        }
        return org.certificate(current).map(c -> !c.validAt(request.now())).orElse(false);
    }

    /**
     * The current certificate as an immediate replacement finds it, for the plan's risk lines: {@code unnamed},
     * {@code missing} (on every server), {@code expired}, {@code not_yet_valid} (sign-in is already down) or
     * {@code valid} (replaced early: too little time left to stage, or {@code rotation: immediate}).
     */
    private String currentState() {
        String current = org.auth().currentThumbprint();
        if (!notBlank(current)) {
            return "unnamed";
        }
        Optional<CertificateFacts> cert = org.certificate(current);
        if (cert.isEmpty() || org.holders(current).isEmpty()) {
            return "missing";
        }
        if (!cert.get().notAfter().isAfter(request.now())) {
            return "expired";
        }
        return cert.get().validAt(request.now()) ? "valid" : "not_yet_valid";
    }

    private void hold(List<Action> actions, String reason) {
        notes.hold(new Hold(org.name(), primaryHost, actions, reason));
    }

    /** The seed's outage: create (or reuse), make it current now, publish, wait for every server, restart, clear. */
    private void immediate(Rotation rotation) {
        if (rotation.certificate() == null) {
            notes.stop(Diagnostic.error(null, "organisation " + org.name() + ": " + rotation.reason(),
                    "set 'rotation: auto' (or 'immediate') in the exchange_auth_certificate task to allow replacing it now"));
            return;
        }
        CertificateRef ref = rotation.certificate();
        create(rotation);
        out.add(PhaseKind.CONFIGURE, primaryHost, true, "auth_config", Action.STAGE_NEXT_CERTIFICATE, ref.label(),
                rotation.reason() + "; set it as the new certificate effective now (-Force)",
                AuthScripts.stage(ref, 0), true, shortTimeout, details(ref, "effective_in_days", "0",
                        "effective_date", request.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "current_state", currentState()));
        out.add(PhaseKind.ACTIVATE, primaryHost, true, "auth_config", Action.PUBLISH_CERTIFICATE, ref.label(),
                "make it current at once: there is no time to wait for the AuthAdmin servicelet to publish it on a staged date",
                AuthScripts.publish(ref), true, shortTimeout,
                ref.details());
        List<HostFacts> lacking = lacking(ref);
        importTo(ref, lacking, AFTER_SWITCH);
        for (HostFacts host : org.hosts()) {
            waitForCertificate(host, ref, AuthScripts.Slot.CURRENT, Organisation.serverName(host) + " must hold the new"
                    + " certificate and read it as current from AuthConfig before its restart: restarted earlier, its services"
                    + " would load the old one again");
        }
        for (HostFacts host : org.hosts()) {
            restartEverything(host, "the new certificate is current; the Service Host and the OWA and ECP app pools hold the"
                    + " old one until restarted");
        }
        if (notBlank(org.auth().currentThumbprint()) || notBlank(org.auth().previousThumbprint())) {
            clearPrevious(ref, "the old certificate was replaced and every server holds the new one");
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Renewal window: create (or reuse), stage as next with a future date, let it reach every server. */
    private void stage(Rotation rotation) {
        CertificateRef ref = rotation.certificate();
        create(rotation);
        out.add(PhaseKind.CONFIGURE, primaryHost, true, "auth_config", Action.STAGE_NEXT_CERTIFICATE, ref.label(),
                rotation.reason(), AuthScripts.stage(ref, rotation.days()), true, shortTimeout,
                details(ref, "effective_in_days", Integer.toString(rotation.days()), "effective_date",
                        request.now().plus(Duration.ofDays(rotation.days())).truncatedTo(ChronoUnit.SECONDS).toString()));
        String effective = RotationDecision.day(request.now().plus(Duration.ofDays(rotation.days())));
        String atTheSwitch = "it cannot sign OWA and ECP tokens once the staged certificate becomes current on " + effective;
        List<HostFacts> lacking = lacking(ref);
        importTo(ref, lacking, atTheSwitch);
        for (HostFacts host : lacking) {
            waitForCertificate(host, ref, AuthScripts.Slot.NEXT, Organisation.serverName(host) + " lacks the staged"
                    + " certificate: " + atTheSwitch);
        }
    }

    /** The staged date passed without a publish: get it everywhere, publish, recycle, clear the old one. */
    private void publishDue(Rotation rotation) {
        CertificateRef ref = rotation.certificate();
        List<HostFacts> lacking = lacking(ref);
        importTo(ref, lacking, ONCE_PUBLISHED);
        for (HostFacts host : lacking) {
            waitForCertificate(host, ref, AuthScripts.Slot.ANY, Organisation.serverName(host)
                    + " lacks the next certificate: it must hold it before it is published, else " + ONCE_PUBLISHED);
        }
        out.add(PhaseKind.PUBLISH, primaryHost, true, "auth_config", Action.PUBLISH_CERTIFICATE, ref.label(),
                rotation.reason(), AuthScripts.publish(ref), true, shortTimeout, ref.details());
        for (HostFacts host : org.hosts()) {
            out.add(PhaseKind.WAIT_AUTH_CONFIG, host.host(), false, "auth_config", Action.WAIT_FOR_AUTH_CONFIG, ref.label(),
                    "this server must read the published certificate from AuthConfig (AD replication) before its app pools recycle",
                    AuthScripts.waitFor(ref, Organisation.serverName(host), AuthScripts.Slot.CURRENT), true,
                    spec.replicationTimeout(), waitDetails(ref));
            recyclePools(host, "the published certificate is current: the OWA and ECP app pools cache the Auth certificate"
                    + " and sign with the old one until they recycle");
        }
        clearPrevious(ref, "the old certificate is no longer current once the staged one is published");
    }

    /** The current certificate must be on every server, read there, used by fresh app pools; previous cleared. */
    private void keepCurrentHealthy() {
        String current = org.auth().currentThumbprint();
        CertificateRef ref = new CertificateRef.Known(current);
        List<HostFacts> lacking = org.lacking(current);
        importTo(ref, lacking, UNTIL_IT_ARRIVES);
        for (HostFacts host : lacking) {
            waitForCertificate(host, ref, AuthScripts.Slot.CURRENT, Organisation.serverName(host) + " lacks current certificate "
                    + ref.label() + ": " + UNTIL_IT_ARRIVES);
            restartEverything(host, "the current certificate arrived on this server after its services started: OWA and ECP"
                    + " sign-in work here again once they reload it");
        }
        List<HostFacts> lagging = org.lagging(current).stream().filter(h -> !lacking.contains(h)).toList();
        for (HostFacts host : lagging) {
            String seen = shortOrNone(host.authConfig().currentThumbprint());
            out.add(PhaseKind.WAIT_AUTH_CONFIG, host.host(), false, "auth_config", Action.WAIT_FOR_AUTH_CONFIG, ref.label(),
                    "AuthConfig on this server names " + seen + " as current, the organisation names " + ref.label()
                            + " (AD replication)",
                    AuthScripts.waitFor(ref, Organisation.serverName(host), AuthScripts.Slot.CURRENT), true,
                    spec.replicationTimeout(), waitDetails(ref));
            // Its pools loaded what this server read when they started: not yet the current certificate.
            recyclePools(host, "this server's app pools started while its AuthConfig still named " + seen
                    + " as current; they load " + ref.label() + " once it is read here");
        }
        boolean previousSet = org.auth().previousThumbprint() != null && !org.auth().previousThumbprint().isBlank();
        Optional<CertificateFacts> currentCert = org.certificate(current);
        if (currentCert.isPresent()) {
            // Pools are recycled for an unknown publish time only when the previous certificate really is cleared now.
            BecameCurrent since = BecameCurrent.of(org, currentCert.get(), previousSet && spec.clearPrevious() && coverage.complete());
            for (HostFacts host : org.hosts()) {
                if (lacking.contains(host) || lagging.contains(host)) {
                    continue;
                }
                for (AppPoolRecycleSpec pool : request.appPoolRecycles()) {
                    host.appPool(pool.name()).flatMap(p -> since.staleReason(p, ref.label()).or(() -> failedSinceStart(host, p)))
                            .ifPresent(why -> recyclePool(host, pool.name(), why));
                }
            }
            if (!since.known() && previousSet && !spec.clearPrevious()) {
                notes.warn("organisation " + org.name() + ": when " + ref.label() + " became current is unknown (no MSExchange"
                        + " AuthAdmin event 2014 names it) and the previous certificate stays set (clear_previous: false):"
                        + " app pools started after its NotBefore are not recycled; recycle MSExchangeOWAAppPool and"
                        + " MSExchangeECPAppPool by hand if they still sign with the previous certificate");
            }
        }
        if (previousSet && spec.clearPrevious() && !org.keyUnknown(current).isEmpty()) {
            holdForUnknownKeys(ref);
        } else if (previousSet) {
            clearPrevious(ref, lacking.isEmpty() ? "previous certificate " + shortOrNone(org.auth().previousThumbprint())
                    + " is still set and every server holds the current one"
                    : "previous certificate " + shortOrNone(org.auth().previousThumbprint())
                            + " is still set; cleared once every server holds the current one");
        }
    }

    /**
     * Why a pool must be recycled that started after the current certificate became current but still cannot sign:
     * the server logged OWA's sign-in failure (events 1003/3005, {@code HMACProvider.GetCertificates}) after the
     * pool started. It loaded the certificate before this server could use it (a recycle while AuthConfig was still
     * replicating here, or before the certificate arrived), and nothing else in the facts shows it.
     */
    private static Optional<String> failedSinceStart(HostFacts host, io.authcert.facts.AppPoolFacts pool) {
        Instant newest = host.owaSignInErrors().newest();
        Instant started = pool.startTime();
        if (!host.owaSignInErrors().seen() || newest == null || started == null || !newest.isAfter(started)) {
            return Optional.empty();
        }
        return Optional.of("OWA sign-in failed on this server at " + newest + " (HMACProvider.GetCertificates, event 1003),"
                + " after " + pool.name() + " started (" + started + "): it holds no certificate it can sign with;"
                + " a recycle loads the current one");
    }

    /** A staged next certificate that some servers lack: let it reach them before its date. */
    private void distributeStagedNext() {
        String next = org.auth().nextThumbprint();
        if (next == null || next.isBlank() || org.holders(next).isEmpty()) {
            return;
        }
        CertificateRef ref = new CertificateRef.Known(next);
        String atTheSwitch = "it cannot sign OWA and ECP tokens once the staged certificate becomes current"
                + (org.auth().nextEffectiveDate() == null ? "" : " on " + RotationDecision.day(org.auth().nextEffectiveDate()));
        List<HostFacts> lacking = org.lacking(next);
        importTo(ref, lacking, atTheSwitch);
        for (HostFacts host : lacking) {
            waitForCertificate(host, ref, AuthScripts.Slot.ANY, Organisation.serverName(host) + " lacks staged next certificate "
                    + ref.label() + ": " + atTheSwitch);
        }
    }

    private void create(Rotation rotation) {
        if (!rotation.creates()) {
            return;
        }
        CertificateRef.Created ref = (CertificateRef.Created) rotation.certificate();
        Map<String, String> details = new HashMap<>(ref.details());
        String lifetime = "";
        SmtpHandover smtp = spec.lifetimeDays() > 0 ? null : SmtpHandover.of(org.primary(), request.now());
        if (spec.lifetimeDays() > 0) {
            details.put("lifetime_days", Integer.toString(spec.lifetimeDays()));
            lifetime = ", valid " + spec.lifetimeDays() + " days (lifetime_days)";
        } else if (smtp.kind() == SmtpHandover.Kind.NO_SERVICE) {
            notes.warn(primaryHost + ": " + smtp.why() + "; the new Auth certificate is created for no service, so it"
                    + " cannot take over the default SMTP certificate");
        } else if (smtp.kind() == SmtpHandover.Kind.RESTORE) {
            details.put("smtp_certificate_kept", smtp.thumbprint());
        } else {
            details.put("smtp_certificate_renewed", smtp.thumbprint());
            lifetime = "; internal transport certificate " + RotationDecision.shortTp(smtp.thumbprint())
                    + " is not valid in this server's store: a new one is made for SMTP first (as MEAC does)";
        }
        out.add(PhaseKind.CREATE, primaryHost, true, resource(ref), Action.CREATE_CERTIFICATE, "new",
                rotation.reason() + "; created on " + ref.server() + " as '" + ref.friendlyName() + "'" + lifetime,
                // not safe to repeat while it may still be running: a replan names the certificate anew,
                // so a late first create and a second one would make two (docs/reliability.md)
                AuthScripts.create(spec, ref, smtp), false, longTimeout, details);
    }

    /**
     * Imports {@code ref} where {@code hosts} lack it; {@code consequence} says what a server without it
     * suffers ("it cannot sign OWA and ECP tokens after the switch"), for the step's reason.
     */
    private void importTo(CertificateRef ref, List<HostFacts> hosts, String consequence) {
        if (hosts.isEmpty()) {
            return;
        }
        String from = ref instanceof CertificateRef.Created c ? c.server()
                : org.holders(((CertificateRef.Known) ref).thumbprint()).stream().findFirst()
                        .map(Organisation::serverName).orElse(null);
        if (from == null) {
            return;
        }
        if (spec.distribute() == Distribute.WAIT) {
            importIntoSitesWithoutHolder(ref, hosts, from, consequence);
            return;
        }
        for (HostFacts host : hosts) {
            out.add(PhaseKind.DISTRIBUTE, host.host(), false, resource(ref), Action.IMPORT_CERTIFICATE, ref.label(),
                    Organisation.serverName(host) + " lacks " + ref.describe() + ": " + consequence + "; export it from "
                            + from + " and import it here (distribute: import, one-time password made on this server)",
                    AuthScripts.importFrom(ref, from, Organisation.serverName(host)), true, longTimeout,
                    details(ref, "from_server", from));
        }
    }

    /**
     * The Service Host's copy to another AD site is the one Microsoft says may fail ("in rare cases the
     * Exchange certificate servicelet will fail to deploy the certificate to the other AD sites"; its FAQ:
     * import it on a server of that site): with {@code distribute: wait}, a site where no server holds it
     * gets it imported on its first server lacking it, and the others of that site then wait for their
     * Service Host as usual.
     */
    private void importIntoSitesWithoutHolder(CertificateRef ref, List<HostFacts> hosts, String from, String consequence) {
        java.util.Set<String> sitesWithHolder = new java.util.HashSet<>();
        if (ref instanceof CertificateRef.Known k) {
            org.holders(k.thumbprint()).forEach(h -> sitesWithHolder.add(site(h)));
        } else {
            sitesWithHolder.add(site(org.primary()));
        }
        for (HostFacts host : hosts) {
            if (sitesWithHolder.add(site(host))) {
                out.add(PhaseKind.DISTRIBUTE, host.host(), false, resource(ref), Action.IMPORT_CERTIFICATE, ref.label(),
                        "no server of AD site " + site(host) + " holds " + ref.describe()
                                + " and the Service Host's copy across sites may fail (Microsoft: import it on a server of"
                                + " that site): import it here from " + from
                                + " (one-time password made on this server); the others of the site follow; "
                                + Organisation.serverName(host) + " lacks it: " + consequence,
                        AuthScripts.importFrom(ref, from, Organisation.serverName(host)), true, longTimeout,
                        details(ref, "from_server", from));
            }
        }
    }

    private static String site(HostFacts host) {
        return host.server().adSite() == null ? "" : host.server().adSite();
    }

    private List<HostFacts> lacking(CertificateRef ref) {
        if (ref instanceof CertificateRef.Known k) {
            return org.lacking(k.thumbprint());
        }
        return org.hosts().stream().filter(h -> h != org.primary()).toList();
    }

    private void restartEverything(HostFacts host, String why) {
        for (ServiceRestartSpec service : request.serviceRestarts()) {
            out.add(PhaseKind.RESTART, host.host(), false, "service/" + service.name(), Action.RESTART_SERVICE, service.name(),
                    why, AuthScripts.restartService(service.name()), true, longTimeout, Map.of("service", service.name()));
        }
        recyclePools(host, why);
    }

    private void recyclePools(HostFacts host, String why) {
        for (AppPoolRecycleSpec pool : request.appPoolRecycles()) {
            recyclePool(host, pool.name(), why);
        }
    }

    private void holdForUnknownKeys(CertificateRef current) {
        List<HostFacts> keyUnknown = org.keyUnknown(((CertificateRef.Known) current).thumbprint());
        hold(List.of(Action.CLEAR_PREVIOUS_CERTIFICATE), "the previous certificate is kept: whether "
                + String.join(", ", keyUnknown.stream().map(HostFacts::host).toList()) + " hold" + (keyUnknown.size() == 1 ? "s" : "")
                + " the private key of current certificate " + current.label() + " is not known (certificates read from RawData"
                + " only), and a server without it would sign with the previous one; gather the facts over WinRM, or"
                + " export Get-ExchangeCertificate with Select-Object Thumbprint,HasPrivateKey,... (docs/facts.md)");
    }

    private void recyclePool(HostFacts host, String pool, String why) {
        out.add(PhaseKind.RESTART, host.host(), false, "app_pool/" + pool, Action.RECYCLE_APP_POOL, pool, why,
                AuthScripts.recycleAppPool(pool), true, shortTimeout, Map.of("app_pool", pool));
    }

    /**
     * Clears the previous certificate once {@code current} is the current one everywhere; held when a server
     * outside the plan may still need it, or when whether a holder of {@code current} has its private key is
     * unknown (the same rule on every path: keeping it healthy, publishing a staged one, replacing it).
     */
    private void clearPrevious(CertificateRef current, String why) {
        if (!spec.clearPrevious()) {
            return;
        }
        if (current instanceof CertificateRef.Known known && !org.keyUnknown(known.thumbprint()).isEmpty()) {
            holdForUnknownKeys(current);
            return;
        }
        if (!coverage.complete()) {
            hold(List.of(Action.CLEAR_PREVIOUS_CERTIFICATE), "the previous certificate is kept: " + coverage.gap()
                    + " may still sign with it or lack the current one (the plan's own reason to clear it: " + why + ")");
            return;
        }
        out.add(PhaseKind.CLEAR, primaryHost, true, "auth_config", Action.CLEAR_PREVIOUS_CERTIFICATE, null,
                why + " (clear_previous)", AuthScripts.clearPrevious(), true, shortTimeout, Map.of());
    }

    /**
     * Hybrid organisations must also give Microsoft Entra ID the certificate this plan stages or
     * publishes ({@link HybridFollowup}): stop when it puts a new one in place and the playbook says
     * so (as MEAC refuses unless told to ignore hybrid), else list each step a person must take and when.
     */
    private void hybrid(Rotation rotation) {
        List<HybridFollowup.Item> items = new HybridFollowup(org, request.now()).items(rotation);
        if (items.isEmpty()) {
            return;
        }
        if (rotation.introducesCertificate() && spec.hybrid() == AuthCertificateSpec.HybridPolicy.STOP) {
            List<String> hybridHosts = org.hosts().stream().filter(HostFacts::hybrid).map(HostFacts::host).toList();
            notes.stop(Diagnostic.error(null, "organisation " + org.name() + " is hybrid (a hybrid configuration was found on "
                    + String.join(", ", hybridHosts) + ") and this plan puts a new Auth certificate in place: Microsoft Entra ID"
                    + " must get it too, which the engine cannot do; a person would have to: "
                    + String.join("; then ", items.stream().map(HybridFollowup.Item::text).toList()),
                    "set 'hybrid: acknowledge' in the exchange_auth_certificate task to plan anyway; the plan then lists "
                            + "these steps as manual follow-ups"));
            return;
        }
        for (HybridFollowup.Item item : items) {
            String followup = HybridFollowup.prefix(org) + item.text() + " (the engine does not do this).";
            notes.followup(followup);
            if (item.afterApply()) {
                out.add(PhaseKind.FOLLOWUP, primaryHost, true, "hybrid", Action.MANUAL_FOLLOWUP, null, followup, null, true,
                        shortTimeout, Map.of("command", HybridFollowup.UPDATE));
            }
        }
    }

    /** A probe step: wait until {@code host} holds {@code ref} and its AuthConfig names it in {@code slot}. */
    private void waitForCertificate(HostFacts host, CertificateRef ref, AuthScripts.Slot slot, String reason) {
        out.add(PhaseKind.WAIT_CERTIFICATE, host.host(), false, resource(ref), Action.WAIT_FOR_CERTIFICATE, ref.label(), reason,
                AuthScripts.waitFor(ref, Organisation.serverName(host), slot), true, spec.replicationTimeout(),
                slotted(waitDetails(ref), slot), nudge(host, ref));
    }

    /**
     * With {@code distribute: wait}, a server left to the Service Host (no import of its own) may be
     * nudged: the Service Host restarted on it (it then fetches a certificate it lacks, as the runbook's
     * restart on a lagging server does) and on the other servers of its AD site (each then deploys what
     * it holds). Null when the certificate is imported there or distribute is import.
     */
    private Nudge nudge(HostFacts host, CertificateRef ref) {
        if (spec.distribute() != Distribute.WAIT
                || out.has(PhaseKind.DISTRIBUTE, host.host(), Action.IMPORT_CERTIFICATE, ref.label())) {
            return null;
        }
        List<String> hosts = new java.util.ArrayList<>(List.of(host.host()));
        org.hosts().stream().filter(h -> h != host && site(h).equals(site(host))).map(HostFacts::host).forEach(hosts::add);
        return new Nudge(ExchangeNames.SERVICE_HOST, hosts, request.nudgeInterval());
    }

    /** A wait's details: the certificate and how it is distributed. */
    private Map<String, String> waitDetails(CertificateRef ref) {
        Map<String, String> d = new HashMap<>(ref.details());
        d.put("distribute", spec.distribute().name().toLowerCase(java.util.Locale.ROOT));
        return d;
    }

    /** A wait's details with the AuthConfig slot it waits for ({@code current}, {@code next}, {@code any}). */
    private static Map<String, String> slotted(Map<String, String> details, AuthScripts.Slot slot) {
        details.put("slot", slot.name().toLowerCase(java.util.Locale.ROOT));
        return details;
    }

    private static Map<String, String> details(CertificateRef ref, String... pairs) {
        Map<String, String> d = new HashMap<>(ref.details());
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            d.put(pairs[i], pairs[i + 1]);
        }
        return d;
    }

    private static String resource(CertificateRef ref) {
        return "certificate/" + (ref instanceof CertificateRef.Known k ? k.thumbprint() : "new");
    }

    private static String shortOrNone(String thumbprint) {
        return thumbprint == null || thumbprint.isBlank() ? "none" : RotationDecision.shortTp(thumbprint);
    }
}
