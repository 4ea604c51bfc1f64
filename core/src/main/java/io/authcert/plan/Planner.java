package io.authcert.plan;

import io.authcert.playbook.RunbookRestarts;
import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.ServiceRestartSpec;

import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServer;
import io.authcert.playbook.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The planner: a pure function from desired state, facts and clock to a {@link Plan}. No I/O, no
 * clock of its own, deterministic (same request, equal plan). It stops with a
 * {@link PlanningException} when any change would be unsafe.
 *
 * <p>Reads top to bottom like the runbook: decide which servers are in scope and whether they are
 * every server of their organisation, then for each organisation decide the rotation and what each
 * server needs, then the back end binding.
 */
public final class Planner {

    /** Plans one play; throws {@link PlanningException} with every reason when it must stop. */
    public Plan plan(PlanRequest request) {
        Scope scope = Scope.of(request);
        PlanNotes notes = new PlanNotes();
        notes.stops.addAll(scope.stops());
        notes.warnings.addAll(scope.warnings());
        StepCollector steps = new StepCollector();
        Map<String, Coverage> coverage = request.certificate() == null ? Map.of()
                : new CoverageCheck(request, notes).check(scope.organisations());

        for (Organisation org : scope.organisations()) {
            if (request.certificate() != null) {
                new OrganisationPlanner(request, org, coverage.get(org.name()), steps, notes).plan();
            }
            if (request.backendBinding() != null) {
                BackendBindingDecision binding = new BackendBindingDecision(request.backendBinding(), request.now());
                for (HostFacts host : org.hosts()) {
                    binding.plan(host, steps, notes);
                }
            }
        }
        if (!notes.stops.isEmpty()) {
            throw new PlanningException(notes.stops);
        }
        if (steps.any(Action.RESTART_SERVICE, Action.RECYCLE_APP_POOL)) {
            RunbookRestarts.missing(request.serviceRestarts().stream().map(ServiceRestartSpec::name).toList(),
                    request.appPoolRecycles().stream().map(AppPoolRecycleSpec::name).toList())
                    .forEach(line -> notes.warnings.add("the playbook's handlers leave out the runbook's restarts: " + line));
        }
        List<String> serial = request.serial().equals(Serial.ALL) ? List.of() : request.serial().sizes();
        List<String> inScope = new ArrayList<>(request.hosts());
        inScope.removeAll(scope.skippedHosts());
        // Over every host of the request (skipped ones too), so FactsFingerprint.matches can recheck it.
        return new Plan(Plan.FORMAT_VERSION, request.playbook(), request.now(),
                FactsFingerprint.of(request.facts(), request.hosts()), inScope, request.failurePolicy(),
                steps.phases(serial, request.hosts()), notes.warnings, notes.followups, scope.skippedHosts(),
                outsideServers(coverage), notes.held);
    }

    /** Every organisation's servers outside the plan, those not ignored first. */
    private static List<OutsideServer> outsideServers(Map<String, Coverage> coverage) {
        List<OutsideServer> out = new ArrayList<>();
        for (boolean ignored : new boolean[] {false, true}) {
            for (Coverage c : coverage.values()) {
                for (OrganizationServer s : ignored ? c.ignored() : c.outside()) {
                    out.add(new OutsideServer(c.organisation(), s.displayName(), s.fqdn(), s.site(), s.roles(), s.version(),
                            ignored));
                }
            }
        }
        return out;
    }
}
