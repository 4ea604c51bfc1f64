package io.authcert.plan;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServer;
import io.authcert.facts.OrganizationServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Compares each organisation's servers (its primary's {@code Get-ExchangeServer}) with the plan's
 * hosts, and checks the {@code --ignore-server} names: a name that is a host of the plan, or that no
 * organisation lists, stops the plan (the person meant something else).
 */
final class CoverageCheck {

    private final PlanRequest request;
    private final PlanNotes notes;

    CoverageCheck(PlanRequest request, PlanNotes notes) {
        this.request = request;
        this.notes = notes;
    }

    /** The coverage of every organisation, by name. */
    Map<String, Coverage> check(List<Organisation> organisations) {
        List<String> ignoredNames = request.ignoredServers();
        List<String> unmatched = new ArrayList<>();
        for (String name : ignoredNames) {
            String planHost = planHostNamed(name);
            if (planHost != null) {
                notes.stop(Diagnostic.error(null, "--ignore-server " + name + ": " + planHost + " is a host of this plan;"
                        + " a server in the plan is checked, not ignored",
                        "drop --ignore-server " + name + ", or leave it out of the plan (--limit) and keep the option"));
            } else if (organisations.stream().noneMatch(o -> o.organizationServers().servers().stream()
                    .anyMatch(s -> s.isNamed(name)))) {
                unmatched.add(name);
            }
        }
        boolean everyListKnown = organisations.stream().allMatch(o -> o.organizationServers().known());
        for (String name : unmatched) {
            if (everyListKnown) {
                notes.stop(Diagnostic.error(null, "--ignore-server " + name + " names no Exchange server of "
                        + (organisations.size() == 1 ? "organisation " + organisations.get(0).name() : "the organisations")
                        + " (Get-ExchangeServer lists " + listed(organisations) + ")",
                        "give the server's name or FQDN as Get-ExchangeServer shows it"));
            } else {
                notes.warn("--ignore-server " + name + " cannot be checked: an organisation's servers could not be listed");
            }
        }

        Map<String, Coverage> out = new LinkedHashMap<>();
        Predicate<OrganizationServer> inPlan = inPlan();
        for (Organisation org : organisations) {
            HostFacts lister = org.lister();
            OrganizationServers listed = lister.organizationServers();
            List<OrganizationServer> outside = new ArrayList<>();
            List<OrganizationServer> ignored = new ArrayList<>();
            for (OrganizationServer s : listed.servers()) {
                boolean named = ignoredNames.stream().anyMatch(s::isNamed);
                if (named && !s.needsAuthCertificate()) {
                    notes.warn("--ignore-server " + s.displayName() + ": it needs no Auth certificate (neither a Mailbox nor"
                            + " a Client Access server of Exchange 2013 or later), so ignoring it changes nothing");
                }
                if (!s.needsAuthCertificate() || inPlan.test(s)) {
                    continue;
                }
                (named ? ignored : outside).add(s);
            }
            out.put(org.name(), new Coverage(org.name(), lister.host(), listed, outside, ignored));
        }
        return out;
    }

    /** Some host of the request is this server: by the facts' name or FQDN, else by its inventory name. */
    private Predicate<OrganizationServer> inPlan() {
        List<String> names = new ArrayList<>();
        for (String host : request.hosts()) {
            names.add(host);
            HostFacts facts = request.facts().hosts().get(host);
            if (facts != null && facts.reachable()) {
                names.add(facts.server().name());
                names.add(facts.server().fqdn());
            }
        }
        return OrganizationServer.namedByAnyOf(names);
    }

    /** The host of the request that {@code name} denotes, or null. */
    private String planHostNamed(String name) {
        for (String host : request.hosts()) {
            HostFacts facts = request.facts().hosts().get(host);
            if (host.equalsIgnoreCase(name)) {
                return host;
            }
            if (facts != null && facts.reachable()) {
                OrganizationServer self = new OrganizationServer(facts.server().name(), facts.server().fqdn(), null, null,
                        null, null, null, null);
                if (self.isNamed(name)) {
                    return host;
                }
            }
        }
        return null;
    }

    private static String listed(List<Organisation> organisations) {
        List<String> names = organisations.stream().flatMap(o -> o.organizationServers().servers().stream())
                .map(OrganizationServer::displayName).distinct().toList();
        return names.isEmpty() ? "no server" : String.join(", ", names);
    }
}
