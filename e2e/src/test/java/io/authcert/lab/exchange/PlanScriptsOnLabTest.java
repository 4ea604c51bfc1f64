package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.Facts;
import io.authcert.facts.GatherOutputParser;
import io.authcert.facts.HostFacts;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.plan.Action;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanRequest;
import io.authcert.plan.PlanTextRenderer;
import io.authcert.plan.Planner;
import io.authcert.plan.Step;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The planner's scripts run, in plan order, on the simulated organisation of each shipped scenario
 * (without WinRM: straight into each server's PowerShell): every step succeeds, every wait becomes
 * ready, and planning again from the facts gathered afterwards gives an empty plan. This is how the
 * planner learns early that its PowerShell is what the lab (and Exchange) understands.
 */
class PlanScriptsOnLabTest {

    private static final Duration POLL = Duration.ofMinutes(5);

    @ParameterizedTest(name = "{0} with distribute: {1}")
    @CsvSource({"expired, WAIT", "expired, IMPORT", "expiring, WAIT", "expiring, IMPORT", "missing-on-some, WAIT",
        "missing-on-some, IMPORT", "staged, WAIT", "healthy, WAIT", "multi-site, WAIT", "hybrid, IMPORT", "with-edge, WAIT"})
    void planAppliedOnTheLabConverges(String scenario, AuthCertificateSpec.Distribute distribute) throws Exception {
        SimClock clock = SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z"));
        Organisation org = Scenario.load(scenario).build(3, clock);
        CmdletRegistry registry = ExchangeCmdlets.registryFor(org);
        AuditLog audit = new AuditLog();
        Map<String, ExchangeHost> hosts = new LinkedHashMap<>();
        for (ExchangeServer s : org.servers()) {
            hosts.put(s.name(), new ExchangeHost(org, s, registry, audit));
        }
        AuthCertificateSpec d = AuthCertificateSpec.defaults();
        AuthCertificateSpec spec = new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(),
                d.renewBeforeDays(), d.stageDays(), d.rotation(), distribute, d.replicationTimeout(), true,
                AuthCertificateSpec.HybridPolicy.ACKNOWLEDGE, d.unreachable(), null);

        Plan plan = new Planner().plan(request(hosts, spec, clock.instant()));
        for (Step step : plan.steps()) {
            ExchangeHost host = hosts.get(step.host());
            if (step.action() == Action.MANUAL_FOLLOWUP) {
                continue;
            }
            if (step.isWait()) {
                waitUntilReady(org, host, step, clock);
                continue;
            }
            CommandOutcome out = host.runScript(io.authcert.powershell.ExchangeShellScript.remote().wrap(step.script().sent()));
            assertThat(out.exitCode()).as("%s failed: %s", step.id(), new String(out.stderr(), StandardCharsets.UTF_8)).isZero();
        }
        long creates = audit.entries(e -> e.mentions("New-ExchangeCertificate")).size();
        assertThat(creates).as("New-ExchangeCertificate runs").isLessThanOrEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        Plan again = new Planner().plan(request(hosts, spec, clock.instant()));
        assertThat(again.steps()).as("plan after applying:%n%s%nsecond plan:%n%s", new PlanTextRenderer().render(plan),
                new PlanTextRenderer().render(again)).isEmpty();
        for (ExchangeServer s : org.servers()) {
            if (!s.isEdge()) {
                assertThat(org.healthy(s)).as("OWA healthy on %s", s.name()).isTrue();
            }
        }
    }

    /** As the executor polls: run the probe until it prints ready, letting time pass and nudging the Service Host. */
    private static void waitUntilReady(Organisation org, ExchangeHost host, Step step, SimClock clock) {
        String last = "";
        for (int poll = 0; poll * POLL.toMinutes() <= step.timeout().toMinutes(); poll++) {
            CommandOutcome out = host.runScript(io.authcert.powershell.ExchangeShellScript.remote().wrap(step.script().sent()));
            String stdout = new String(out.stdout(), StandardCharsets.UTF_8).strip();
            assertThat(out.exitCode()).as("probe %s: %s", step.id(), new String(out.stderr(), StandardCharsets.UTF_8)).isZero();
            last = stdout.substring(stdout.lastIndexOf('\n') + 1);
            if (last.equals("ready")) {
                return;
            }
            assertThat(last).startsWith("pending: ");
            if (poll % 3 == 2 && step.nudge() != null) {
                // The lab's Service Host deploys from a server that holds the certificate to the others in
                // its site: nudge every server with the service the plan's nudge names.
                for (ExchangeServer s : org.servers()) {
                    if (!s.isEdge()) {
                        org.restartService(s, step.nudge().service());
                    }
                }
            }
            clock.advance(POLL);
        }
        throw new AssertionError(step.id() + " never became ready: " + last);
    }

    private static PlanRequest request(Map<String, ExchangeHost> hosts, AuthCertificateSpec spec, Instant now) throws Exception {
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        String script = GatherScriptOnLabTest.gatherScript();
        for (ExchangeHost host : hosts.values()) {
            CommandOutcome out = host.runScript(io.authcert.powershell.ExchangeShellScript.remote().wrap(script));
            assertThat(out.exitCode()).isZero();
            facts.put(host.name(), new GatherOutputParser().parse(host.name(), now,
                    new String(out.stdout(), StandardCharsets.UTF_8), null));
        }
        return new PlanRequest("playbooks/auth-certificate.yml", List.copyOf(hosts.keySet()), null, null, spec, null, null,
                null, new Facts(facts), Map.of(), now);
    }
}
