package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.Serial;
import io.authcert.playbook.modules.AuthCertificateSpec.HybridPolicy;
import io.authcert.playbook.modules.AuthCertificateSpec.Rotation;
import io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a plan says to an Exchange administrator, per plan shape: each step's reason (what a server
 * suffers without it) and each phase's impact lines (servers touched and how many at once, whether the
 * change is organisation-wide, the sign-in outage and its bound, what stays manual).
 */
class PlanWordingTest {

    private static final String C = tp("C");
    private static final String OLD = tp("OLD");
    private static final String N = tp("N");

    /**
     * @param reasons fragments each named step's reason contains
     * @param impact  the exact impact lines of the named phases
     */
    record Case(String name, Supplier<Plan> plan, Map<String, List<String>> reasons, Map<String, List<String>> impact) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    private static final String ORG = "organisation-wide: AuthConfig in Active Directory, replicated to every server and AD"
            + " site; run once on ex01";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("expired: immediate replacement, serial 1", () -> withSerial(new FactsBuilder().hosts("ex01", "ex02", "ex03")
                        .authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null), "1"),
                        Map.of("p1.ex01.create_certificate.new", List.of("the Auth certificate " + OLD.substring(0, 8)
                                        + " expired on 2026-11-25 09:00 UTC: OWA and ECP sign-in fail until a new one is published",
                                        "replace it now with a new certificate"),
                                "p4.ex03.wait_for_certificate.new", List.of("EX03 must hold the new certificate",
                                        "before its restart"),
                                "p5.ex02.recycle_app_pool.MSExchangeOWAAppPool", List.of("hold the old one until restarted")),
                        Map.of("configure AuthConfig", List.of(ORG, "sign-in: the new certificate takes effect at the publish, next phase"),
                                "publish now", List.of(ORG, "sign-in: already down (current certificate expired); it returns on"
                                        + " each server at its restart (phase 5)"),
                                "restart and recycle", List.of("touches: ex01, ex02, ex03, 1 server at a time (serial 1)",
                                        "outage: OWA and ECP sign-in down on each server while its app pools recycle and"
                                                + " MSExchangeServiceHost restarts, at most 20m per server (its steps' timeouts)",
                                        "sign-in: already down (current certificate expired); it returns on each server at its restart"))),
                new Case("AuthConfig names none: sign-in already down", () -> new Planner().plan(new FactsBuilder().hosts("ex01")
                        .auth(null, null, null, null).request(spec())),
                        Map.of("p1.ex01.create_certificate.new", List.of("AuthConfig names no current certificate: OWA and ECP"
                                + " sign-in fail until a new one is published")),
                        Map.of("restart and recycle", List.of("touches: ex01, alone (the play sets no serial)",
                                "outage: OWA and ECP sign-in down on each server while its app pools recycle and"
                                        + " MSExchangeServiceHost restarts, at most 20m per server (its steps' timeouts)",
                                "sign-in: already down (current certificate unnamed); it returns on each server at its restart"))),
                new Case("rotation: immediate while the current one works: sign-in moves at the restarts",
                        () -> withSerial(new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(40))
                                .auth(C, null, null, null), "1", "50%", Rotation.IMMEDIATE),
                        Map.of("p1.ex01.create_certificate.new", List.of("expires in 40 days (2027-01-05 09:00 UTC)",
                                "(rotation: immediate); replace it now")),
                        Map.of("publish now", List.of(ORG, "sign-in: each server moves to the new certificate at its restart"
                                        + " (phase 5); until then its OWA and ECP app pools use the one they cached"),
                                "restart and recycle", List.of("touches: ex01, ex02, in batches of serial 1, 50%",
                                        "outage: OWA and ECP sign-in down on each server while its app pools recycle and"
                                                + " MSExchangeServiceHost restarts, at most 20m per server (its steps' timeouts)"))),
                new Case("staged rotation: nothing for users until the effective date", () -> new Planner().plan(new FactsBuilder()
                        .hosts("ex01", "ex02").authCert(C, days(-1800), days(45)).auth(C, null, null, null).request(spec())),
                        Map.of("p1.ex01.create_certificate.new", List.of("expires in 45 days (2027-01-10 09:00 UTC), inside the"
                                        + " 60-day renewal window: stage a new certificate effective in 30 days"),
                                "p3.ex02.wait_for_certificate.new", List.of("EX02 lacks the staged certificate: it cannot sign OWA"
                                        + " and ECP tokens once the staged certificate becomes current on 2026-12-26 09:00 UTC")),
                        Map.of("create certificate", List.of("touches: ex01 only (a new certificate in its store); no user impact;"
                                        + " the default SMTP certificate is given back at once"),
                                "configure AuthConfig", List.of(ORG, "sign-in: no impact until 2026-12-26 09:00 UTC, when the"
                                        + " AuthAdmin servicelet makes the new certificate current on every server (it runs every 12 hours)"),
                                "wait for certificate", List.of("touches: nothing but the MSExchangeServiceHost restarts shown"
                                        + " (nudges, no OWA or ECP app pool recycle); probes ex02"))),
                new Case("missing on some: down on that server until it arrives", () -> new Planner().plan(new FactsBuilder()
                        .hosts("ex01", "ex02", "ex03").authCert(C, days(-400), days(1000), "ex01", "ex02")
                        .auth(C, null, null, null).request(spec())),
                        Map.of("p1.ex03.wait_for_certificate." + C.substring(0, 8), List.of("EX03 lacks current certificate "
                                        + C.substring(0, 8) + ": OWA and ECP sign-in fail on it until it arrives"),
                                "p2.ex03.restart_service.MSExchangeServiceHost", List.of("the current certificate arrived on this"
                                        + " server after its services started: OWA and ECP sign-in work here again once they reload it")),
                        Map.of("wait for certificate", List.of("touches: nothing but the MSExchangeServiceHost restarts shown"
                                        + " (nudges, no OWA or ECP app pool recycle); probes ex03"),
                                "restart and recycle", List.of("touches: ex03, alone (the play sets no serial)",
                                        "outage: OWA and ECP sign-in down on each server while its app pools recycle and"
                                                + " MSExchangeServiceHost restarts, at most 20m per server (its steps' timeouts)",
                                        "sign-in: already down on ex03 (lacks the current certificate); it returns there at its restart"))),
                new Case("multi-site: the site without a holder gets one import", () -> new Planner().plan(new FactsBuilder()
                        .hosts("ex01", "br01", "ex02", "br02").site("Branch-Site", "br01", "br02")
                        .authCert(C, days(-1800), days(40)).auth(C, null, null, null).request(spec())),
                        Map.of("p3.br01.import_certificate.new", List.of("no server of AD site Branch-Site holds the new"
                                        + " certificate", "copy across sites may fail", "BR01 lacks it: it cannot sign OWA and ECP"
                                        + " tokens once the staged certificate becomes current on 2026-12-26 09:00 UTC")),
                        Map.of("import certificate", List.of("touches: br01, its own certificate store; no user impact"),
                                "configure AuthConfig", List.of(ORG, "sign-in: no impact until 2026-12-26 09:00 UTC, when the"
                                        + " AuthAdmin servicelet makes the new certificate current on every server (it runs every 12 hours)"),
                                "wait for certificate", List.of("touches: nothing but the MSExchangeServiceHost restarts shown"
                                        + " (nudges, no OWA or ECP app pool recycle); probes br01, ex02, br02"))),
                new Case("staged and due: the publish changes what every server signs with", () -> new Planner().plan(
                        new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(20)).authCert(N, days(-10), days(1800))
                                .auth(C, null, N, NOW.minus(Duration.ofHours(1))).request(spec())),
                        Map.of("p3.ex01.recycle_app_pool.MSExchangeOWAAppPool", List.of("the OWA and ECP app pools cache the Auth"
                                + " certificate and sign with the old one until they recycle")),
                        Map.of("publish staged certificate", List.of(ORG, "sign-in: the certificate every server signs with"
                                        + " changes now; OWA and ECP app pools keep the one they cached until they recycle (phase 3)"),
                                "wait for AuthConfig", List.of("touches: nothing; probes ex01, ex02"),
                                "restart and recycle", List.of("touches: ex01, ex02, both at once (the play sets no serial)",
                                        "outage: OWA and ECP sign-in down on each server while its app pools recycle, at most 10m per"
                                                + " server (its steps' timeouts)"),
                                "clear previous certificate", List.of(ORG, "sign-in: a server still signing with the previous"
                                        + " certificate would fail, hence last, after every server holds and uses the current one"))),
                new Case("hybrid: the wizard stays manual", PlanRenderingGoldenTest::hybridStaged,
                        Map.of("p4.ex01.manual_followup", List.of("ConfigureExchangeHybridApplication.ps1 -UpdateCertificate",
                                "(the engine does not do this)")),
                        Map.of("configure AuthConfig", List.of(ORG, "sign-in: no impact until 2026-12-26 09:00 UTC, when the"
                                        + " AuthAdmin servicelet makes the new certificate current on every server (it runs every 12 hours)",
                                        "manual: hybrid: Microsoft Entra ID gets the new certificate only when a person runs the"
                                                + " follow-up (phase 4)"),
                                "manual follow-up", List.of("manual: the engine runs nothing here; a person does it after the apply"))),
                new Case("hybrid, expired: the wizard after the publish", PlanRenderingGoldenTest::expired,
                        Map.of("p8.ex01.manual_followup", List.of("re-run the Hybrid Configuration Wizard")),
                        Map.of("publish now", List.of(ORG, "sign-in: already down (current certificate expired); it returns on"
                                        + " each server at its restart (phase 6)", "manual: hybrid: Microsoft Entra ID gets the new"
                                        + " certificate only when a person runs the follow-up (phase 8)"),
                                "import certificate", List.of("touches: ex02, ex03 at once, each its own certificate store; no user"
                                        + " impact"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasonsAndImpactSayWhatTheAdministratorRisks(Case c) {
        Plan plan = c.plan().get();
        Map<String, Step> steps = new java.util.HashMap<>();
        plan.steps().forEach(s -> steps.put(s.id(), s));
        c.reasons().forEach((id, fragments) -> assertThat(steps).as("steps of the plan").containsKey(id));
        c.reasons().forEach((id, fragments) -> assertThat(steps.get(id).reason()).as(id).contains(fragments));

        PhaseImpact impact = new PhaseImpact(plan);
        Map<String, Phase> phases = new java.util.HashMap<>();
        plan.phases().forEach(p -> phases.put(p.name(), p));
        c.impact().forEach((phase, lines) -> assertThat(phases).as("phases of the plan").containsKey(phase));
        c.impact().forEach((phase, lines) -> assertThat(impact.lines(phases.get(phase))).as(phase).containsExactlyElementsOf(lines));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPhaseOfEveryShapeHasItsImpactInTextMarkdownAndJson(Case c) {
        Plan plan = c.plan().get();
        PhaseImpact impact = new PhaseImpact(plan);
        String text = new PlanTextRenderer().render(plan);
        String markdown = new PlanMarkdownRenderer().render(plan);
        String json = PlanJson.write(plan);
        for (Phase phase : plan.phases()) {
            List<String> lines = impact.lines(phase);
            assertThat(lines).as("impact of phase %s", phase.name()).isNotEmpty();
            lines.forEach(l -> assertThat(text).contains("  # " + l + "\n"));
            lines.forEach(l -> assertThat(markdown).contains("- **" + l.substring(0, l.indexOf(": ") + 1) + "** "
                    + l.substring(l.indexOf(": ") + 2).replace("|", "\\|") + "\n"));
            lines.forEach(l -> assertThat(json).contains(l.replace("\"", "\\\"")));
        }
        assertThat(new PhaseImpact(PlanJson.read(json, "plan.json")).lines(plan.phases().get(0)))
                .as("a saved plan read back has the same impact").isEqualTo(impact.lines(plan.phases().get(0)));
    }

    private static Plan withSerial(FactsBuilder b, String serial) {
        return withSerial(b, serial, null, null);
    }

    private static Plan withSerial(FactsBuilder b, String first, String second, Rotation rotation) {
        PlanRequest r = b.request(rotation == null ? spec() : spec(rotation, HybridPolicy.STOP, UnreachablePolicy.STOP, null));
        List<String> serial = second == null ? List.of(first) : List.of(first, second);
        return new Planner().plan(new PlanRequest(r.playbook(), r.hosts(), new Serial(serial), null, r.certificate(), null, null,
                null, r.facts(), Map.of(), NOW));
    }
}
