package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.AuthCertificateState.Presence;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import io.authcert.lab.exchange.Scenario;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.RetryPolicy;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.VaultSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: the engine's gatherer, through the real WinRM transport (Overthere) over loopback,
 * against the lab running gather.ps1. Every shipped scenario; the faults a real estate has.
 */
class FactsAgainstLabIT {

    private final Clock clock = Clock.systemUTC();

    record Gathered(Facts facts, Map<String, HostAssessment> assessments) {
    }

    private Gathered gather(EmbeddedLab lab) {
        List<InventoryHost> hosts = new InventoryLoader().load(List.of(lab.inventoryFile()), VaultSecrets.none())
                .select("all", null);
        TargetResolver resolver = new TargetResolver();
        RoutingTransport transport = new RoutingTransport(Map.of(
                Target.Connection.WINRM, new WinRmTransport(new RetryPolicy(2, Duration.ofMillis(50)))));
        Facts facts = new FactsGatherer(transport, h -> resolver.resolve(h.name(), h.vars()), clock, Duration.ofSeconds(60))
                .gather(hosts, 50);
        Map<String, OwaHealth> owa = new OwaHealthChecks(new HttpOwaHealthProbe(), Duration.ofSeconds(10)).check(hosts, 50);
        Instant now = clock.instant();
        HostAssessor assessor = new HostAssessor();
        Map<String, HostAssessment> assessments = facts.hosts().values().stream().collect(Collectors.toMap(
                HostFacts::host, h -> assessor.assess(h, now, owa.get(h.host())), (a, b) -> a, java.util.LinkedHashMap::new));
        return new Gathered(facts, assessments);
    }

    static List<String> scenarios() {
        return Scenario.SHIPPED;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void factsForEveryServerOfEveryScenarioInOneCommandPerHost(String scenario) throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start(scenario, Scenario.load(scenario).defaultServers(), EmbeddedLab.Options.defaults().withSpeed(0))) {
            Gathered g = gather(lab);

            List<String> inInventory = lab.hosts().stream().filter(h -> !lab.scenario().leftOutOfInventory(lab.hosts()).contains(h))
                    .toList();
            assertThat(g.facts().hosts().keySet()).containsExactlyInAnyOrderElementsOf(inInventory);
            for (HostFacts h : g.facts().hosts().values()) {
                assertThat(h.errors()).as("%s %s", scenario, h.host()).isEmpty();
                assertThat(h.server().name()).isEqualToIgnoringCase(h.host());
                assertThat(lab.audit().of(h.host())).as("WinRM commands run on %s", h.host()).hasSize(1)
                        .allSatisfy(e -> assertThat(e.delivery()).isEqualTo("DELIVER"));
                if (!h.server().edge()) {
                    assertThat(h.server().organization()).as("organisation from the AuthConfig DN")
                            .isNotBlank().doesNotStartWithIgnoringCase("CN=Auth Configuration");
                    assertThat(h.certificates()).isNotEmpty();
                    if (h.host().equals(inInventory.get(0))) {
                        assertThat(h.organizationServers().servers()).as("Get-ExchangeServer on %s lists every server", h.host())
                                .extracting(OrganizationServer::name)
                                .containsExactlyElementsOf(lab.hosts().stream().map(x -> x.toUpperCase(java.util.Locale.ROOT)).toList());
                    } else {
                        assertThat(h.organizationServers().notAsked()).as("only the first server lists the organisation's").isTrue();
                    }
                } else {
                    assertThat(h.organizationServers().known()).as("an Edge server does not list the organisation").isFalse();
                }
            }
            assertThat(g.facts().hosts().values().stream().filter(h -> !h.server().edge())
                    .map(h -> h.server().organization()).distinct()).as("one organisation").hasSize(1);
            expectationsOf(scenario, g, lab);
        }
    }

    private static void expectationsOf(String scenario, Gathered g, EmbeddedLab lab) {
        Map<String, HostAssessment> a = g.assessments();
        String first = lab.hosts().get(0);
        String second = lab.hosts().get(1);
        switch (scenario) {
            case "healthy" -> a.values().forEach(x -> {
                assertThat(x.current().presence()).isEqualTo(Presence.PRESENT);
                assertThat(x.current().daysLeft()).isGreaterThan(365);
                assertThat(x.owaHealth().status()).isEqualTo(OwaHealth.Status.HEALTHY);
            });
            case "expiring" -> a.values().forEach(x -> assertThat(x.current().daysLeft()).isBetween(19L, 20L));
            case "expired" -> a.values().forEach(x -> {
                assertThat(x.current().daysLeft()).isEqualTo(-1L);
                assertThat(x.current().expired()).isTrue();
                assertThat(x.owaHealth().shortForm()).as("healthcheck.htm reflects component state only").isEqualTo("ok");
            });
            case "missing-on-some" -> {
                assertThat(a.get(first).current().presence()).isEqualTo(Presence.PRESENT);
                assertThat(a.get(second).current().presence()).isEqualTo(Presence.MISSING);
                assertThat(a.get(second).owaHealth().status()).isEqualTo(OwaHealth.Status.HEALTHY);
            }
            case "staged" -> {
                assertThat(a.get(first).next().presence()).isEqualTo(Presence.PRESENT);
                assertThat(a.get(second).next().presence()).isEqualTo(Presence.MISSING);
                assertThat(Duration.between(Instant.now(), a.get(first).nextEffectiveDate()))
                        .isBetween(Duration.ofHours(48), Duration.ofHours(49));
                assertThat(a.get(first).current().daysLeft()).isBetween(29L, 30L);
            }
            case "multi-site" -> assertThat(g.facts().hosts().values().stream().map(h -> h.server().adSite()).distinct())
                    .hasSize(2);
            case "hybrid" -> g.facts().hosts().values().forEach(h -> assertThat(h.hybrid()).isTrue());
            case "with-edge" -> {
                HostFacts edge = g.facts().hosts().get(lab.hosts().get(lab.hosts().size() - 1));
                assertThat(edge.server().edge()).isTrue();
                assertThat(edge.authConfig()).isNull();
                assertThat(edge.server().organization()).isNull();
            }
            case "outside-inventory" -> {
                assertThat(g.facts().hosts()).containsOnlyKeys("ex01", "ex02");
                assertThat(g.facts().hosts().get("ex01").organizationServers().needingAuthCertificate())
                        .as("EX04 is an Edge server: neither Mailbox nor Client Access").extracting(OrganizationServer::name)
                        .containsExactly("EX01", "EX02", "EX03");
            }
            default -> throw new AssertionError("a new scenario needs its expectations here: " + scenario);
        }
    }

    @Test
    void unreachableWrongCredentialsAndA500FaultEachFailInOneLineWhileTheOthersComeBack() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 4, EmbeddedLab.Options.defaults().withSpeed(0))) {
            lab.faults("ex02").unreachable(true);
            lab.faults("ex03").rejectCredentials(true);
            lab.faults("ex04").fault500On("Get-ExchangeCertificate");

            Facts facts = gather(lab).facts();

            assertThat(facts.hosts().get("ex01").errors()).isEmpty();
            assertThat(facts.hosts().get("ex01").authConfig().currentThumbprint()).matches("[0-9A-F]{40}");
            assertThat(line(facts, "ex02")).startsWith("unreachable: ").contains("127.0.0.1");
            assertThat(line(facts, "ex03")).startsWith("authentication failed").doesNotContain(lab.password());
            assertThat(line(facts, "ex04")).startsWith("WinRM fault: ").contains("500");
            AuditLog audit = lab.audit();
            assertThat(audit.of("ex01")).hasSize(1);
            assertThat(audit.of("ex02")).as("nothing ran on an unreachable host").isEmpty();
            assertThat(audit.of("ex03")).as("nothing ran without credentials").isEmpty();
            assertThat(audit.of("ex04")).singleElement().satisfies(e -> assertThat(e.delivery()).isEqualTo("FAULT_500"));
        }
    }

    @Test
    void overHttpsWithTheLabCaTheFactsAndOwaHealthComeBackAndWithoutItTheHostIsRefused() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withSpeed(0).withHttps(true))) {
            Gathered g = gather(lab);

            assertThat(g.facts().hosts().get("ex01").errors()).isEmpty();
            assertThat(g.assessments().get("ex01").owaHealth().status()).isEqualTo(OwaHealth.Status.HEALTHY);

            OwaHealth untrusted = new HttpOwaHealthProbe().probe(lab.owaHealthUrl("ex01"), Duration.ofSeconds(10));
            assertThat(untrusted.status()).as("the lab CA is not in the JVM's trust store").isEqualTo(OwaHealth.Status.UNREACHABLE);
        }
    }

    private static String line(Facts facts, String host) {
        HostFacts h = facts.hosts().get(host);
        assertThat(h.reachable()).isFalse();
        assertThat(h.errors()).hasSize(1);
        assertThat(h.errors().get(0)).doesNotContain("\n");
        return h.errors().get(0);
    }
}
