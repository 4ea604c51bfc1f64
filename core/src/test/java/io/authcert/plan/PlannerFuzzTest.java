package io.authcert.plan;

import static io.authcert.fuzz.Refusals.acceptsOrRefuses;
import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.AuthAdminFacts;
import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.BindingFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.HostFactsCheck;
import io.authcert.facts.OrganizationServer;
import io.authcert.facts.OrganizationServers;
import io.authcert.facts.ServerInfo;
import io.authcert.facts.ServiceFacts;
import io.authcert.fuzz.FuzzTries;
import io.authcert.fuzz.Refusals.Outcome;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the planner over arbitrary valid facts (what {@link HostFactsCheck} lets the readers pass):
 * one or two organisations of one to five servers, Edge and unreachable servers, AD sites, hybrid,
 * certificates with random validity windows around a fixed now and private keys present, absent or
 * unknown, AuthConfig current/next/previous naming present, absent or unknown certificates, replication
 * lag, unknown server lists, AuthAdmin events known or not, servers outside the plan; and random playbook
 * settings. {@link Planner#plan} returns or throws {@link PlanningException} in words, deterministically,
 * and the plan keeps the runbook's safety rules. docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzTries.class)
class PlannerFuzzTest {

    /** A generated request with what the generator knows about it (the organisation of every host). */
    record Case(long seed, PlanRequest request, Map<String, String> orgOf, Set<String> unreachable, Set<String> listUnknownOrgs,
            Set<String> outsideOrgs) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + request.hosts().size() + " hosts " + orgOf;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(PlannerFuzzTest::generate);
    }

    /** One request from a seed: the whole organisation drawn from one Random, so a failure is replayed by its seed. */
    static Case generate(long seed) {
        Random r = new Random(new java.util.SplittableRandom(seed).nextLong()); // mixed: Random(0), Random(1)... begin alike
        int orgs = 1 + r.nextInt(2);
        Map<String, HostFacts> hosts = new LinkedHashMap<>();
        Map<String, String> orgOf = new LinkedHashMap<>();
        Set<String> unreachable = new java.util.HashSet<>();
        Set<String> listUnknown = new java.util.HashSet<>();
        Set<String> outside = new java.util.HashSet<>();
        List<String> ignored = new ArrayList<>();
        for (int o = 0; o < orgs; o++) {
            String org = "org" + o;
            int n = 1 + r.nextInt(5);
            // Half the organisations are calm (every server reachable, holding a long-valid current certificate
            // with its key, lists known, no lag): only then can a plan clear the previous certificate.
            boolean calm = r.nextBoolean();
            String c = calm ? tp("current" + o) : pick(r, tp("current" + o), tp("current" + o), null, tp("nowhere" + o));
            String next = pick(r, null, null, tp("next" + o), tp("next" + o), tp("nowhere-next" + o));
            String previous = pick(r, null, tp("previous" + o), tp("previous" + o));
            Instant nextDate = next == null ? null : pick(r, null, NOW.plus(days(r, -10, 60)), NOW.plus(Duration.ofHours(r.nextInt(100))));
            CertificateFacts current = calm ? healthy(tp("current" + o), r) : auth(c == null ? tp("current" + o) : c, r);
            CertificateFacts staged = auth(tp("next" + o), r);
            CertificateFacts leftover = auth(tp("leftover" + o), r);
            List<OrganizationServer> listed = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("o" + o + "ex" + i);
            }
            boolean anyList = !calm && r.nextInt(6) == 0;
            // Get-ExchangeServer fails on every server of the organisation, the primary among them.
            boolean listFails = !calm && r.nextInt(8) == 0;
            for (int i = 0; i < n; i++) {
                String host = names.get(i);
                orgOf.put(host, org);
                boolean edge = i > 0 && r.nextInt(calm ? 16 : 8) == 0;
                List<String> roles = edge ? List.of("Edge") : r.nextInt(8) == 0 ? List.of("ClientAccess") : List.of("Mailbox");
                String site = "site" + r.nextInt(2);
                listed.add(new OrganizationServer(host.toUpperCase(), host + ".contoso.test", site, roles, "Version 15.2 (Build 1544.4)",
                        roles.contains("Mailbox"), !edge, edge));
                if (!calm && r.nextInt(10) == 0) {
                    unreachable.add(host);
                    hosts.put(host, HostFacts.failed(host, NOW, "connection refused (" + host + ":5985)"));
                    continue;
                }
                List<CertificateFacts> certs = new ArrayList<>();
                String exchange = tp("exchange-" + host);
                certs.add(new CertificateFacts(exchange, "CN=" + host.toUpperCase(), "Microsoft Exchange", NOW.minus(days(r, 1, 900)),
                        NOW.plus(days(r, -20, 1500)), pick(r, true, true, true, null), false, true, List.of("IIS", "SMTP"), "Valid",
                        2048, List.of(host.toUpperCase())));
                if (calm || r.nextInt(5) != 0) {
                    certs.add(current);
                }
                if (r.nextBoolean()) {
                    certs.add(staged);
                }
                if (i == 0 && r.nextInt(4) == 0) {
                    certs.add(leftover);
                }
                String readCurrent = !calm && r.nextInt(8) == 0 ? tp("stale" + o) : c;
                AuthConfigFacts config = edge ? null : new AuthConfigFacts(readCurrent, previous, next, nextDate,
                        "00000002-0000-0ff1-ce00-000000000000", "", "CN=Auth Configuration,CN=" + org
                                + ",CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test");
                Instant clock = !calm && r.nextInt(15) == 0 ? NOW.plus(Duration.ofMinutes(r.nextInt(20) - 10)) : NOW;
                ServerInfo server = new ServerInfo(host.toUpperCase(), host + ".contoso.test", "15.2.1544.4", roles, site, edge,
                        edge ? null : org, clock);
                AuthAdminFacts admin = r.nextInt(3) == 0 ? AuthAdminFacts.UNKNOWN
                        : new AuthAdminFacts(pick(r, null, NOW.minus(days(r, 0, 3))), r.nextBoolean() ? List.of()
                                : List.of(new AuthAdminFacts.Publish(current.thumbprint(), NOW.minus(days(r, 0, 900)))));
                OrganizationServers servers = listFails ? OrganizationServers.unknown("Get-ExchangeServer failed") : null;
                if (servers != null) {
                    listUnknown.add(org);
                }
                Instant started = NOW.minus(days(r, 0, 1200));
                hosts.put(host, new HostFacts(host, NOW, server, config, certs,
                        edge ? null : new ServiceFacts("MSExchangeServiceHost", "Running", pick(r, started, null)),
                        edge ? List.of() : List.of(new AppPoolFacts("MSExchangeOWAAppPool", "Started", pick(r, started, null, NOW)),
                                new AppPoolFacts("MSExchangeECPAppPool", pick(r, "Started", "Stopped"), started)),
                        edge ? null : new BindingFacts("Exchange Back End", 444, pick(r, exchange, null, c)), !edge && r.nextInt(10) == 0,
                        List.of(), admin, servers, null, pick(r, exchange, null)));
            }
            if (anyList) {
                String x = "O" + o + "X9";
                listed.add(new OrganizationServer(x, x.toLowerCase() + ".contoso.test", "site0", List.of("Mailbox"),
                        "Version 15.2 (Build 1544.4)", true, true, false));
                if (r.nextBoolean()) {
                    ignored.add(x);
                } else {
                    outside.add(org);
                }
            }
            for (String host : names) {
                HostFacts h = hosts.get(host);
                if (h.reachable() && !"Get-ExchangeServer failed".equals(h.organizationServers().unknownReason())) {
                    hosts.put(host, withServers(h, OrganizationServers.known(listed)));
                }
            }
        }
        AuthCertificateSpec d = AuthCertificateSpec.defaults();
        int renew = 3 + r.nextInt(200);
        int stage = 2 + r.nextInt(Math.min(renew - 2, 60));
        AuthCertificateSpec spec = new AuthCertificateSpec(d.subject(), d.friendlyName(), pick(r, 2048, 4096), d.domainNames(), renew,
                stage, pick(r, AuthCertificateSpec.Rotation.values()), pick(r, AuthCertificateSpec.Distribute.values()),
                Duration.ofMinutes(1 + r.nextInt(600)), r.nextBoolean(), pick(r, AuthCertificateSpec.HybridPolicy.values()),
                pick(r, AuthCertificateSpec.UnreachablePolicy.values()), r.nextInt(6) == 0 ? pick(r, "o0ex1", "O0EX0", "nobody") : null,
                r.nextBoolean() ? 0 : Math.min(AuthCertificateSpec.MAX_LIFETIME_DAYS, stage + renew + 1 + r.nextInt(1000)));
        BackendBindingSpec binding = r.nextBoolean() ? null : BackendBindingSpec.defaults();
        List<String> names = new ArrayList<>(hosts.keySet());
        PlanRequest request = new PlanRequest("playbooks/auth-certificate.yml", names, null, null, spec, binding, null, null,
                new Facts(hosts), Map.of(), NOW, Duration.ofMinutes(1 + r.nextInt(30)), ignored);
        return new Case(seed, request, orgOf, unreachable, listUnknown, outside);
    }

    private static HostFacts withServers(HostFacts h, OrganizationServers servers) {
        return new HostFacts(h.host(), h.gatheredAt(), h.server(), h.authConfig(), h.certificates(), h.serviceHost(), h.appPools(),
                h.backendBinding(), h.hybrid(), h.errors(), h.authAdmin(), servers, h.owaSignInErrors(), h.internalTransportCertificate(),
                h.simulatedClock());
    }

    /** A current certificate with years left and its key, as a healthy organisation has. */
    private static CertificateFacts healthy(String thumbprint, Random r) {
        return new CertificateFacts(thumbprint, FactsBuilder.AUTH_SUBJECT, "Microsoft Exchange Server Auth Certificate",
                NOW.minus(days(r, 30, 1000)), NOW.plus(days(r, 400, 1500)), true, pick(r, true, false), true, List.of("SMTP"),
                "Valid", 2048, List.of());
    }

    private static CertificateFacts auth(String thumbprint, Random r) {
        Instant notBefore = NOW.minus(days(r, -3, 2000));
        Instant notAfter = pick(r, NOW.plus(days(r, -30, 1500)), notBefore.plus(days(r, 1, 1826)));
        return new CertificateFacts(thumbprint, FactsBuilder.AUTH_SUBJECT, "Microsoft Exchange Server Auth Certificate", notBefore,
                notAfter, pick(r, true, true, true, false, null), pick(r, true, false, null), true, pick(r, List.of("SMTP"), List.of(), null),
                pick(r, "Valid", "Unknown"), pick(r, 2048, 2048, 1024), List.of());
    }

    private static Duration days(Random r, int from, int to) {
        return Duration.ofHours(24L * from + r.nextInt(Math.max(1, 24 * (to - from))));
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    // --- properties

    @Property
    void theGeneratedFactsAreValid(@ForAll("cases") Case c) {
        c.request().facts().hosts().values().forEach(h -> assertThat(HostFactsCheck.problems(h)).as(h.host()).isEmpty());
    }

    @Property
    void plansOrRefusesInWordsAndTheSameEachTime(@ForAll("cases") Case c) {
        Outcome<Plan> first = acceptsOrRefuses(PlanningException.class, () -> new Planner().plan(c.request()));
        Outcome<Plan> second = acceptsOrRefuses(PlanningException.class, () -> new Planner().plan(c.request()));
        // Shown in the report, so a generator that only ever makes refusals (or empty plans) is noticed.
        Statistics.label("outcome").collect(!first.accepted() ? "refused"
                : first.result().steps().isEmpty() ? "empty" : first.result().steps().stream()
                        .anyMatch(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE) ? "plan with clear" : "plan");
        Statistics.label("creates").collect(first.accepted() && first.result().steps().stream()
                .anyMatch(s -> s.action() == Action.CREATE_CERTIFICATE));
        if (first.accepted()) {
            assertThat(second.accepted()).isTrue();
            assertThat(second.result()).isEqualTo(first.result());
            assertThat(PlanJson.write(second.result())).isEqualTo(PlanJson.write(first.result()));
        } else {
            assertThat(second.refusal()).isInstanceOf(PlanningException.class);
            assertThat(((PlanningException) second.refusal()).reasons()).isEqualTo(((PlanningException) first.refusal()).reasons());
        }
    }

    @Property
    void atMostOneCertificateIsCreatedPerOrganisationAndOrgWideStepsRunOnOneHostOfIt(@ForAll("cases") Case c) {
        Plan plan = planned(c);
        if (plan == null) {
            return;
        }
        Map<String, List<Step>> orgWide = plan.steps().stream().filter(Step::orgWide)
                .collect(Collectors.groupingBy(s -> c.orgOf().get(s.host())));
        for (Map.Entry<String, List<Step>> e : orgWide.entrySet()) {
            assertThat(e.getValue().stream().map(Step::host).distinct()).as("%s: org-wide steps on one host", e.getKey()).hasSize(1);
            for (Action once : List.of(Action.CREATE_CERTIFICATE, Action.STAGE_NEXT_CERTIFICATE, Action.CLEAR_PREVIOUS_CERTIFICATE)) {
                assertThat(e.getValue().stream().filter(s -> s.action() == once)).as("%s: %s at most once", e.getKey(), once)
                        .hasSizeLessThanOrEqualTo(1);
            }
        }
        assertThat(plan.steps()).filteredOn(s -> s.action() == Action.CREATE_CERTIFICATE || s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE
                || s.action() == Action.STAGE_NEXT_CERTIFICATE || s.action() == Action.PUBLISH_CERTIFICATE).allMatch(Step::orgWide);
    }

    @Property
    void noStepTouchesAServerWhoseFactsAreUnknown(@ForAll("cases") Case c) {
        Plan plan = planned(c);
        if (plan == null) {
            return;
        }
        assertThat(plan.steps()).noneMatch(s -> c.unreachable().contains(s.host()));
        assertThat(plan.skippedHosts()).containsAll(c.unreachable());
        assertThat(c.unreachable().isEmpty() || c.request().certificate().unreachable() == AuthCertificateSpec.UnreachablePolicy.SKIP)
                .as("an unreachable server stops the plan unless 'unreachable: skip'").isTrue();
    }

    @Property
    void neverClearsPreviousUnlessEveryServerOfTheOrganisationIsKnownAndHoldsTheCurrent(@ForAll("cases") Case c) {
        Plan plan = planned(c);
        if (plan == null) {
            return;
        }
        for (Step clear : plan.steps()) {
            if (clear.action() != Action.CLEAR_PREVIOUS_CERTIFICATE) {
                continue;
            }
            // A server skipped with 'unreachable: skip' does not hold the clear back: the person chose to plan
            // without it (PlannerOutsideServersTest.anUnreachableHostSkippedByThePlaybookIsNotOutside).
            String org = c.orgOf().get(clear.host());
            assertThat(c.listUnknownOrgs()).as("%s's server list is known", org).doesNotContain(org);
            assertThat(c.outsideOrgs()).as("no server of %s is outside the plan", org).doesNotContain(org);
        }
        EffectModel world = new EffectModel(c.request(), NOW);
        world.apply(plan, (step, w) -> {
            if (step.action() == Action.CLEAR_PREVIOUS_CERTIFICATE) {
                String current = w.config(step.host()).current;
                for (String host : plan.hosts()) {
                    HostFacts h = c.request().facts().hosts().get(host);
                    if (c.orgOf().get(host).equals(c.orgOf().get(step.host())) && h.authConfig() != null) {
                        assertThat(w.holds(host, current)).as("%s holds current %s when previous is cleared", host, current).isTrue();
                        assertThat(h.certificate(current).map(CertificateFacts::keyUnknown).orElse(false))
                                .as("%s: the key of current %s is known", host, current).isFalse();
                    }
                }
            }
        });
    }

    @Property
    void anUnknownKeyIsNeverTakenForAMissingCertificate(@ForAll("cases") Case c) {
        Plan plan = planned(c);
        if (plan == null) {
            return;
        }
        for (Step s : plan.steps()) {
            if (s.action() != Action.IMPORT_CERTIFICATE) {
                continue;
            }
            String thumbprint = s.details().get("thumbprint");
            HostFacts h = c.request().facts().hosts().get(s.host());
            if (thumbprint != null) {
                assertThat(h.certificate(thumbprint).map(CertificateFacts::keyUnknown).orElse(false))
                        .as("%s holds %s (key unknown): not imported again", s.host(), thumbprint).isFalse();
            }
        }
    }

    private static Plan planned(Case c) {
        return acceptsOrRefuses(PlanningException.class, () -> new Planner().plan(c.request())).result();
    }

    /** Found by FactsFuzzTest: a server name a script cannot carry made the planner throw IllegalArgumentException (PsValue.name). */
    @Example
    void aServerNameNoScriptCanCarryStopsThePlan() {
        FactsBuilder facts = FactsBuilder.healthy("ex01", "0%");
        assertThatThrownBy(() -> new Planner().plan(facts.request(FactsBuilder.spec())))
                .isInstanceOf(PlanningException.class)
                .hasMessage("cannot plan: 0%: the server name '0%' is not a name Exchange gives a server (letters, digits, spaces,"
                        + " '.', '_' and '-', at most 128)");
    }

    /**
     * Found by this fuzz: publishing a staged certificate cleared the previous one although whether a server
     * holds the staged certificate's private key was unknown (read from RawData only). Keeping the current
     * certificate healthy already held the clear for that; now every path does.
     */
    @Example
    void publishingAStagedCertificateWhoseKeyIsUnknownSomewhereKeepsThePrevious() {
        String c = tp("C");
        String n = tp("N");
        FactsBuilder facts = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(c, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(20)))
                .authCert(n, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(1800)), "ex01")
                .certificate("ex02", new CertificateFacts(n, FactsBuilder.AUTH_SUBJECT, null, NOW.minus(Duration.ofDays(3)),
                        NOW.plus(Duration.ofDays(1800)), null, null, true, null, "Unknown", 2048, List.of()))
                .auth(c, null, n, NOW.minus(Duration.ofHours(30)));

        Plan plan = new Planner().plan(facts.request(FactsBuilder.spec()));

        assertThat(plan.steps()).extracting(Step::action).contains(Action.PUBLISH_CERTIFICATE)
                .doesNotContain(Action.CLEAR_PREVIOUS_CERTIFICATE);
        assertThat(plan.held()).singleElement().satisfies(h -> {
            assertThat(h.actions()).containsExactly(Action.CLEAR_PREVIOUS_CERTIFICATE);
            assertThat(h.reason()).contains("whether ex02 holds the private key of current certificate");
        });
    }
}
