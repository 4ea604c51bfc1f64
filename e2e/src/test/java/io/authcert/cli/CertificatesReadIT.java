package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.AuthCertificateState.Presence;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.FactsGatherer;
import io.authcert.facts.HostAssessor;
import io.authcert.facts.HostFacts;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.RetryPolicy;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates read, not guessed (docs/exchange.md, "Certificates read, not guessed"), over WinRM on the lab:
 * Get-ExchangeCertificate answering RawData only (serialization data signing) still gives every certificate
 * with its private key from the server's own store, and nothing is planned for a healthy organisation; the
 * expired outage's apply gives SMTP back to the internal transport certificate Get-TransportService named.
 */
class CertificatesReadIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private static Map<String, HostFacts> gather(EmbeddedLab lab) {
        List<InventoryHost> hosts = new InventoryLoader().load(List.of(lab.inventoryFile()), VaultSecrets.none()).select("all", null);
        TargetResolver resolver = new TargetResolver();
        RoutingTransport transport = new RoutingTransport(Map.of(
                Target.Connection.WINRM, new WinRmTransport(new RetryPolicy(2, Duration.ofMillis(50)))));
        return new FactsGatherer(transport, h -> resolver.resolve(h.name(), h.vars()), Clock.systemUTC(), Duration.ofSeconds(60))
                .gather(hosts, 50).hosts();
    }

    private static Map<String, String> internalTransport(EmbeddedLab lab) {
        Organisation org = lab.organisation();
        Map<String, String> out = new LinkedHashMap<>();
        for (ExchangeServer s : org.servers()) {
            out.put(s.name(), org.internalTransportCertificate(s));
        }
        return out;
    }

    @Test
    void rawDataOnlyCertificatesAreReadFromTheirBytesAndTheStoreAndAHealthyOrganisationPlansNothing() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("healthy", 2)) {
            Map<String, HostFacts> complete = gather(lab);
            for (String host : lab.hosts()) {
                lab.faults(host).rawDataOnlyCertificates(true);
            }
            Map<String, HostFacts> rawOnly = gather(lab);

            for (String host : lab.hosts()) {
                HostFacts full = complete.get(host);
                HostFacts raw = rawOnly.get(host);
                assertThat(raw.certificates()).extracting(CertificateFacts::thumbprint)
                        .containsExactlyInAnyOrderElementsOf(full.certificates().stream().map(CertificateFacts::thumbprint).toList());
                for (CertificateFacts c : raw.certificates()) {
                    CertificateFacts f = full.certificate(c.thumbprint()).orElseThrow();
                    assertThat(c.hasPrivateKey()).as("%s %s: the key from Cert:\\LocalMachine\\My", host, c.thumbprint())
                            .isEqualTo(f.hasPrivateKey());
                    assertThat(c.notAfter()).isEqualTo(f.notAfter());
                    assertThat(c.subject()).isEqualTo(f.subject());
                    assertThat(c.services()).as("services stay unknown").isNull();
                    assertThat(c.status()).isEqualTo("Unknown");
                }
                assertThat(raw.errors()).anyMatch(e -> e.contains("RawData only"));
                assertThat(raw.internalTransportCertificate()).as("Get-TransportService on %s", host)
                        .isNotNull().isEqualTo(full.internalTransportCertificate());
                assertThat(new HostAssessor().assess(raw, Clock.systemUTC().instant(), null).current().presence())
                        .isEqualTo(Presence.PRESENT);
            }

            LabApplier.Outcome plan = new LabApplier(lab, dir.resolve("state"))
                    .engine("plan", "-i", lab.inventoryFile().toString(), PLAYBOOK, "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.all()).isZero();
            assertThat(plan.out()).contains("No changes.");
        }
    }

    @Test
    void aWaitSeesTheCertificateArriveOnAServerThatAnswersRawDataOnly() throws Exception {
        // missing-on-some: ex02 lacks the current certificate and waits for the Service Host to deliver it; every
        // server answers Get-ExchangeCertificate with RawData only, so the probe must know the certificate by its bytes.
        try (EmbeddedLab lab = LabApplier.start("missing-on-some", 3)) {
            for (String host : lab.hosts()) {
                lab.faults(host).rawDataOnlyCertificates(true);
            }
            LabApplier.Outcome apply = new LabApplier(lab, dir.resolve("state")).apply(PLAYBOOK);

            assertThat(apply.all()).as(apply.all()).contains("wait_for_certificate").doesNotContain("still missing after");
            assertThat(apply.exitCode()).as(apply.all()).isIn(0, 3);
            Organisation org = lab.organisation();
            String current = org.authConfigInDirectory().currentThumbprint();
            assertThat(org.servers()).as("every server holds the current certificate")
                    .allSatisfy(s -> assertThat(org.certificateOn(s, current)).isPresent());
        }
    }

    @Test
    void afterTheExpiredApplyTheInternalTransportCertificateIsTheOneItWasBefore() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            Map<String, String> before = internalTransport(lab);
            assertThat(before.values()).as("setup's own certificate is each server's default SMTP certificate").doesNotContainNull();

            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply(PLAYBOOK);

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).hasSize(1)
                    .allSatisfy(e -> assertThat(e.mentions("-Services 'SMTP' -Force")).isTrue());
            assertThat(lab.audit().entries(e -> e.mentions("Enable-ExchangeCertificate"))).isNotEmpty();
            assertThat(internalTransport(lab)).isEqualTo(before);
        }
    }
}
