package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.inventory.InventoryHost;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import io.authcert.transport.local.LocalTransport;
import io.authcert.transport.local.LocalTransportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FactsGathererTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    private static InventoryHost host(String name, Map<String, Object> vars) {
        return new InventoryHost(name, vars);
    }

    private static Target target(InventoryHost h) {
        return LocalTransportTest.local(h.name(), (String) h.vars().get("exe"));
    }

    /** Answers per host name; records how many scripts each host received. */
    private static final class ScriptedTransport implements Transport {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, Object> answers;

        ScriptedTransport(Map<String, Object> answers) {
            this.answers = answers;
        }

        @Override
        public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
            calls.computeIfAbsent(target.name(), k -> new AtomicInteger()).incrementAndGet();
            Object answer = answers.get(target.name());
            if (answer instanceof TransportException e) {
                throw e;
            }
            return (CommandResult) answer;
        }
    }

    @Test
    void aServerOnASimulatedClockIsGatheredAtItsOwnTimeSoItIsNeverSkewed() throws Exception {
        String good = GatherOutputParserTest.resource("iso-two-certs.json");
        ScriptedTransport transport = new ScriptedTransport(Map.of("lab", new CommandResult(good, "", 0, Duration.ZERO),
                "real", new CommandResult(good, "", 0, Duration.ZERO)));
        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5)).gather(List.of(
                host("lab", Map.of("exchange_clock", "simulated", "exchange_clock_speed", 3600)), host("real", Map.of())), 2);
        HostFacts lab = facts.hosts().get("lab");
        assertThat(lab.gatheredAt()).isEqualTo(lab.server().clockUtc()).isNotEqualTo(CLOCK.instant());
        assertThat(facts.hosts().get("real").gatheredAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void everyFailureIsOneLineAndTheOtherHostsStillComeBack() throws Exception {
        String good = GatherOutputParserTest.resource("iso-two-certs.json");
        ScriptedTransport transport = new ScriptedTransport(Map.of(
                "ok", new CommandResult(good, "", 0, Duration.ZERO),
                "down", new TransportException(TransportException.Kind.UNREACHABLE, "down",
                        "down: connection refused by 10.0.0.9:5986 (https)"),
                "badpw", new TransportException(TransportException.Kind.AUTHENTICATION, "badpw",
                        "authentication failed for user 'admin' (HTTP 401)"),
                "fault", new TransportException(TransportException.Kind.PROTOCOL, "fault",
                        "HTTP 500: s:Receiver w:InternalError\nmore detail"),
                "exit1", new CommandResult("", "Get-AuthConfig : Active Directory operation failed\r\n+ CategoryInfo ...", 1, Duration.ZERO),
                "garbage", new CommandResult("<html>proxy error</html>", "", 0, Duration.ZERO)));
        List<InventoryHost> hosts = List.of(host("ok", Map.of()), host("down", Map.of()), host("badpw", Map.of()),
                host("fault", Map.of()), host("exit1", Map.of()), host("garbage", Map.of()));

        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5)).gather(hosts, 50);

        assertThat(facts.hosts().keySet()).containsExactly("ok", "down", "badpw", "fault", "exit1", "garbage");
        assertThat(facts.hosts().get("ok").reachable()).isTrue();
        assertThat(facts.hosts().get("ok").gatheredAt()).isEqualTo(CLOCK.instant());
        assertThat(facts.hosts().get("down").errors()).containsExactly("unreachable: connection refused by 10.0.0.9:5986 (https)");
        assertThat(facts.hosts().get("badpw").errors()).containsExactly("authentication failed for user 'admin' (HTTP 401)");
        assertThat(facts.hosts().get("fault").errors()).containsExactly("WinRM fault: HTTP 500: s:Receiver w:InternalError");
        assertThat(facts.hosts().get("exit1").errors())
                .containsExactly("the gathering script failed (exit 1): Get-AuthConfig : Active Directory operation failed");
        assertThat(facts.hosts().get("garbage").errors().get(0)).startsWith("the gathering script printed no JSON document");
        assertThat(transport.calls).hasSize(6).allSatisfy((host, n) -> assertThat(n.get()).as(host).isEqualTo(1));
    }

    @Test
    void anUnusableConnectionSettingFailsOnlyThatHostAndSendsNothing() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        FactsGatherer gatherer = new FactsGatherer(transport, h -> {
            throw new IllegalArgumentException("ansible_user 'CONTOSO\\admin': use admin@CONTOSO.LOCAL (Kerberos) instead");
        }, CLOCK, Duration.ofSeconds(5));

        HostFacts h = gatherer.gatherOne(host("ex1", Map.of()));

        assertThat(h.errors()).containsExactly(
                "cannot connect as configured: ansible_user 'CONTOSO\\admin': use admin@CONTOSO.LOCAL (Kerberos) instead");
        assertThat(transport.calls).isEmpty();
    }

    @Test
    void theResolversProblemsBecomeOneLineWithoutRepeatingTheHost() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        FactsGatherer gatherer = new FactsGatherer(transport,
                h -> new io.authcert.transport.winrm.TargetResolver().resolve(h.name(), h.vars()), CLOCK, Duration.ofSeconds(5));

        HostFacts h = gatherer.gatherOne(host("ex1", Map.of("ansible_user", "CONTOSO\\admin", "ansible_password", "pw",
                "ansible_winrm_transport", "kerberos")));

        assertThat(h.errors()).singleElement().asString()
                .startsWith("cannot connect as configured: ansible_user 'CONTOSO\\admin' has the DOMAIN\\user form")
                .doesNotContain("\n").doesNotContain("pw");
        assertThat(transport.calls).isEmpty();
    }

    @Test
    void theFactsOfAHostThatCannotConnectNeverCarryItsPassword() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        FactsGatherer gatherer = new FactsGatherer(transport,
                h -> new io.authcert.transport.winrm.TargetResolver().resolve(h.name(), h.vars()), CLOCK, Duration.ofSeconds(5));
        Map<String, Object> vars = Map.of("ansible_user", "admin", "ansible_password", "Clear-Pw-42",
                "ansible_winrm_transport", "credssp", "ansible_port", "not-a-port", "ansible_connection", "ssh");

        Facts facts = new Facts(Map.of("ex1", gatherer.gatherOne(host("ex1", vars))));

        assertThat(facts.hosts().get("ex1").errors()).singleElement().asString().contains("credssp");
        assertThat(FactsDocument.toJson(facts)).contains("not supported").doesNotContain("Clear-Pw-42");
        assertThat(transport.calls).isEmpty();
    }

    @Test
    void anUndecryptableVaultedPasswordSaysWhereItIsAndHowToFixIt() {
        ScriptedTransport transport = new ScriptedTransport(Map.of());
        FactsGatherer gatherer = new FactsGatherer(transport,
                h -> new io.authcert.transport.winrm.TargetResolver().resolve(h.name(), h.vars()), CLOCK, Duration.ofSeconds(5));
        var vaulted = new io.authcert.vault.VaultedValue("$ANSIBLE_VAULT;1.1;AES256\n"
                + "61363266313965303835373933653135383163643362353162346666643533393435363938323230\n3139376539396634363461303535306663646266363266330a376532343561353530663833653634\n34363031353164646464643764346639396536376534613631653831383739653063646364656131\n3930626635336234640a653862303636353737633635393532393132323166636263303132633832\n3131\n",
                new io.authcert.diag.SourceLocation("hosts.yml", 4, 25), io.authcert.vault.VaultSecrets.none());

        HostFacts h = gatherer.gatherOne(host("ex1", Map.of("ansible_user", "admin", "ansible_password", vaulted)));

        assertThat(h.errors()).containsExactly("cannot connect as configured: hosts.yml:4:25: cannot decrypt this vaulted value:"
                + " no vault password was given (give the vault password with --vault-password-file FILE, --vault-id LABEL@FILE or the"
                + " ANSIBLE_VAULT_PASSWORD_FILE environment variable)");
        assertThat(transport.calls).isEmpty();
    }

    @Test
    void hostsAreGatheredInParallel() {
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        String good = "{\"format_version\":1,\"server\":{\"name\":\"X\"}}";
        Transport transport = (target, script, timeout) -> {
            try {
                // Only passes if the three hosts are in flight at the same time.
                allThreeAtOnce.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new TransportException(TransportException.Kind.TIMED_OUT, target.name(), "not parallel");
            }
            return new CommandResult(good, "", 0, Duration.ZERO);
        };

        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5))
                .gather(List.of(host("a", Map.of()), host("b", Map.of()), host("c", Map.of())), 3);

        assertThat(facts.hosts().keySet()).containsExactly("a", "b", "c");
        assertThat(facts.hosts().values()).allSatisfy(h -> {
            assertThat(h.errors()).isEmpty();
            assertThat(h.reachable()).isTrue();
        });
    }

    @Test
    void forksBoundsHowManyHostsAreInFlight() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        String good = "{\"format_version\":1,\"server\":{\"name\":\"X\"}}";
        Transport transport = (target, script, timeout) -> {
            max.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.yield();
            active.decrementAndGet();
            return new CommandResult(good, "", 0, Duration.ZERO);
        };
        List<InventoryHost> hosts = java.util.stream.IntStream.range(0, 20).mapToObj(i -> host("h" + i, Map.of())).toList();

        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5)).gather(hosts, 2);

        assertThat(facts.hosts()).hasSize(20);
        assertThat(max.get()).isBetween(1, 2);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void throughTheLocalTransportWithAStandInPowerShell(@TempDir Path dir) throws Exception {
        Path fixture = dir.resolve("out.json");
        Files.writeString(fixture, GatherOutputParserTest.resource("ps51-single-cert.txt"));
        Path received = dir.resolve("received.ps1");
        Path exe = dir.resolve("pwsh-ex1");
        Files.writeString(exe, "#!/bin/sh\ncat >> '" + received + "'\ncat '" + fixture + "'\n");
        exe.toFile().setExecutable(true);

        Facts facts = new FactsGatherer(new LocalTransport(), FactsGathererTest::target, CLOCK, Duration.ofSeconds(30))
                .gather(List.of(host("ex1", Map.of("exe", exe.toString(), "exchange_org", "contoso"))), 50);

        HostFacts h = facts.hosts().get("ex1");
        assertThat(h.errors()).isEmpty();
        assertThat(h.authConfig().currentThumbprint()).isEqualTo("92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
        assertThat(h.server().organization()).isEqualTo("contoso");
        assertThat(Files.readString(received)).as("exactly one script, the gathering script")
                .isEqualTo(FactsGatherer.script());
    }

    /** Answers like gather.ps1 does: the organisation's servers only when the script asks for them. */
    private static final class ListingTransport implements Transport {
        final Map<String, List<Boolean>> listed = new ConcurrentHashMap<>();
        final java.util.Set<String> down;

        ListingTransport(String... down) {
            this.down = java.util.Set.of(down);
        }

        @Override
        public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
            if (down.contains(target.name())) {
                throw new TransportException(TransportException.Kind.UNREACHABLE, target.name(), target.name() + ": connection refused");
            }
            boolean listing = !script.startsWith("$listOrganizationServers = $false");
            listed.computeIfAbsent(target.name(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listing);
            try {
                com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(GatherOutputParserTest.resource("iso-two-certs.json"));
                ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("server")).put("name", target.name().toUpperCase());
                if (listing) {
                    o.putArray("organization_servers").addObject().put("name", "EX01").put("fqdn", "ex01.contoso.local")
                            .put("is_mailbox", true);
                } else {
                    o.putNull("organization_servers");
                    o.put("organization_servers_error", OrganizationServers.NOT_ASKED);
                }
                return new CommandResult(o.toString(), "", 0, Duration.ZERO);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void oneServerPerOrganisationListsTheOrganisationsServers() {
        ListingTransport transport = new ListingTransport();
        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5)).gather(List.of(
                host("a1", Map.of("exchange_org", "a")), host("a2", Map.of("exchange_org", "a")),
                host("b1", Map.of("exchange_org", "b")), host("a3", Map.of("exchange_org", "a"))), 4);

        assertThat(transport.listed).containsOnly(Map.entry("a1", List.of(true)), Map.entry("a2", List.of(false)),
                Map.entry("b1", List.of(true)), Map.entry("a3", List.of(false)));
        assertThat(facts.hosts().get("a1").organizationServers().known()).isTrue();
        assertThat(facts.hosts().get("a2").organizationServers().notAsked()).isTrue();
    }

    @Test
    void whenTheServerAskedIsDownTheNextOneIsAskedWithOneMoreCommand() {
        ListingTransport transport = new ListingTransport("a1");
        Facts facts = new FactsGatherer(transport, FactsGathererTest::target, CLOCK, Duration.ofSeconds(5)).gather(List.of(
                host("a1", Map.of()), host("a2", Map.of()), host("a3", Map.of())), 3);

        assertThat(transport.listed).containsOnly(Map.entry("a2", List.of(false, true)), Map.entry("a3", List.of(false)));
        assertThat(facts.hosts().get("a1").reachable()).isFalse();
        assertThat(facts.hosts().get("a2").organizationServers().known()).isTrue();
        assertThat(facts.hosts()).containsOnlyKeys("a1", "a2", "a3");
    }

    @Test
    void aServerNotAskedGetsTheSameScriptAfterOneFixedLine() {
        assertThat(FactsGatherer.scriptNotListing()).startsWith("$listOrganizationServers = $false\n")
                .endsWith(FactsGatherer.script());
    }
}
