package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.FactsGatherer;
import io.authcert.facts.HostFacts;
import io.authcert.facts.HttpOwaHealthProbe;
import io.authcert.facts.HttpOwaSignInProbe;
import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaSignInTarget;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.lab.EmbeddedLab;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.RetryPolicy;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the seed's outage shows, end to end over real HTTP and WinRM against the lab: on the
 * {@code expired} scenario healthcheck.htm answers 200 while OWA's forms sign-in answers 500 with the
 * ExAssert and the server logs event 1003, which the engine's facts gather; after {@code engine apply}
 * the sign-in succeeds and verification says so.
 */
class OwaSignInIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static List<InventoryHost> hosts(EmbeddedLab lab) {
        return new InventoryLoader().load(List.of(lab.inventoryFile()), VaultSecrets.none()).select("exchange", null);
    }

    private static Map<String, HostFacts> gather(EmbeddedLab lab, List<InventoryHost> hosts) {
        TargetResolver resolver = new TargetResolver();
        RoutingTransport transport = new RoutingTransport(Map.of(
                Target.Connection.WINRM, new WinRmTransport(new RetryPolicy(2, Duration.ofMillis(50)))));
        return new FactsGatherer(transport, h -> resolver.resolve(h.name(), h.vars()), Clock.systemUTC(), Duration.ofSeconds(60))
                .gather(hosts, 4).hosts();
    }

    @Test
    void theHealthPageSays200WhileSignInFailsWithTheExAssertAndAfterTheApplySignInWorks() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            List<InventoryHost> hosts = hosts(lab);
            assertThat(hosts).hasSize(3);
            for (InventoryHost h : hosts) {
                assertThat(new HttpOwaHealthProbe().probe(lab.owaHealthUrl(h.name()), TIMEOUT).status())
                        .as("healthcheck.htm on %s", h.name()).isEqualTo(OwaHealth.Status.HEALTHY);
                OwaSignInTarget target = OwaSignInTarget.of(h);
                assertThat(target.url()).isEqualTo(lab.owaSignInUrl(h.name()));
                OwaHealth signIn = new HttpOwaSignInProbe().signIn(target, TIMEOUT);
                assertThat(signIn.status()).as("sign-in on %s", h.name()).isEqualTo(OwaHealth.Status.UNHEALTHY);
                assertThat(signIn.detail()).startsWith("HTTP 500: ASSERT: HMACProvider.GetCertificates:protectionCertificates.Length<1")
                        .doesNotContain(lab.password());
            }

            Map<String, HostFacts> facts = gather(lab, hosts);
            for (InventoryHost h : hosts) {
                HostFacts f = facts.get(h.name());
                assertThat(f.errors()).as("%s gathered", h.name()).isEmpty();
                assertThat(f.owaSignInErrors().count()).as("event 1003 on %s", h.name()).isEqualTo(1);
                assertThat(f.owaSignInErrors().newest()).isNotNull();
            }

            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply("playbooks/auth-certificate.yml");

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).containsPattern("OWA sign-in after:\\n(  ex0[123]  ok  http://127.0.0.1:\\d+/owa/auth.owa\\n){3}Verified.");
            for (InventoryHost h : hosts) {
                assertThat(new HttpOwaSignInProbe().signIn(OwaSignInTarget.of(h), TIMEOUT).status())
                        .as("sign-in on %s after the apply", h.name()).isEqualTo(OwaHealth.Status.HEALTHY);
            }
            assertThat(applied.all()).doesNotContain(lab.password());
        }
    }
}
