package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.healthy;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.AuthCertificateSpec.HybridPolicy;
import io.authcert.playbook.modules.AuthCertificateSpec.Rotation;
import io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hybrid follow-up names the step that is due when it is due (docs/exchange.md, "Hybrid"): update
 * the dedicated Exchange hybrid application right after a next certificate is staged (current and next),
 * and again, with the Hybrid Configuration Wizard, once it is published, by this plan or by the servicelet.
 */
class PlannerHybridTest {

    private static final String C = tp("C");
    private static final String N = tp("N");
    private static final String OLD = tp("OLD");
    private static final String UPDATE = ".\\ConfigureExchangeHybridApplication.ps1 -UpdateCertificate";
    private static final String HCW = "re-run the Hybrid Configuration Wizard";

    private static AuthCertificateSpec acknowledge() {
        return spec(Rotation.AUTO, HybridPolicy.ACKNOWLEDGE, UnreachablePolicy.STOP, null);
    }

    private static Instant days(long d) {
        return NOW.plus(Duration.ofDays(d));
    }

    /** 45 days left of C: the renewal window, a new certificate staged 30 days ahead. */
    static FactsBuilder renewalWindow() {
        return new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(45)).auth(C, null, null, null);
    }

    /** N staged earlier for 20 days ahead, on every server; the servicelets last ran an hour ago. */
    static FactsBuilder stagedEarlier() {
        return new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(45)).authCert(N, days(-1), days(1825))
                .auth(C, null, N, days(20)).serviceletRan(NOW.minus(Duration.ofHours(1)));
    }

    /**
     * @param afterApply the follow-ups due right after this apply (each a manual step of the plan), by what they contain
     * @param later      the follow-ups that are notes only (due later, or due since before)
     */
    record Case(String name, Function<FactsBuilder, FactsBuilder> hybrid, FactsBuilder facts, List<List<String>> afterApply,
            List<List<String>> later) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Function<FactsBuilder, FactsBuilder> onEx02 = b -> b.hybrid("ex02");
        // Staged now: the primary's Service Host started a day ago, so a 12-hour run falls on the date itself.
        // 20 days ahead from a run an hour ago: 481 h, the 41st 12-hour run at 492 h, 491 h from now.
        Instant servicelet = NOW.plus(Duration.ofHours(491));
        return Stream.of(
                new Case("staged now: update with both certificates now, again with the Wizard when it is published",
                        onEx02, renewalWindow(),
                        List.of(List.of("right after this plan stages the new certificate", UPDATE, "on EX01", "current " + C,
                                "next 'Microsoft Exchange Server Auth Certificate - 20261126090000'",
                                "before it becomes current")),
                        List.of(List.of("when the AuthAdmin servicelet publishes the new certificate", "effective " + days(30),
                                "published by " + days(30) + " at the latest", UPDATE, "again", HCW))),
                new Case("staged earlier: update with both now unless done, again when the servicelet publishes it", onEx02,
                        stagedEarlier(), List.of(),
                        List.of(List.of("certificate " + N + " is staged as the next certificate", "unless it was done since it"
                                        + " was staged", UPDATE, "current " + C, "next " + N),
                                List.of("when the AuthAdmin servicelet publishes certificate " + N, "effective " + days(20),
                                        "published by " + servicelet + " at the latest", HCW))),
                new Case("published now (staged date passed): update and the Wizard after this apply", onEx02,
                        new FactsBuilder().hosts("ex01", "ex02").authCert(C, days(-1800), days(45))
                                .authCert(N, days(-40), days(1800)).auth(C, null, N, days(-1)),
                        List.of(List.of("once this plan has published certificate " + N, UPDATE, "now current", HCW)), List.of()),
                new Case("replaced now (expired): update and the Wizard after this apply", onEx02,
                        new FactsBuilder().hosts("ex01", "ex02").authCert(OLD, days(-1900), days(-1)).auth(OLD, null, null, null),
                        List.of(List.of("once this plan has published the new certificate", UPDATE, "Microsoft Entra ID", HCW)),
                        List.of()),
                new Case("no hybrid, staged now: nothing", Function.identity(), renewalWindow(), List.of(), List.of()),
                new Case("no hybrid, staged earlier: nothing", Function.identity(), stagedEarlier(), List.of(), List.of()),
                new Case("hybrid and healthy, nothing staged: nothing", onEx02, healthy("ex01", "ex02"), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFollowupIsDueWhenItIsDue(Case c) {
        Plan plan = new Planner().plan(c.hybrid().apply(c.facts()).request(acknowledge()));
        List<Step> manual = plan.steps().stream().filter(s -> s.action() == Action.MANUAL_FOLLOWUP).toList();
        assertThat(manual).hasSize(c.afterApply().size());
        for (int i = 0; i < manual.size(); i++) {
            assertThat(manual.get(i).reason()).startsWith("Organisation contoso is hybrid: ").contains(c.afterApply().get(i));
            assertThat(manual.get(i).host()).isEqualTo("ex01");
            assertThat(manual.get(i).details()).containsEntry("command", UPDATE);
        }
        assertThat(plan.followups()).hasSize(c.afterApply().size() + c.later().size());
        assertThat(plan.followups().subList(0, manual.size())).containsExactlyElementsOf(manual.stream().map(Step::reason).toList());
        for (int i = 0; i < c.later().size(); i++) {
            assertThat(plan.followups().get(manual.size() + i)).contains(c.later().get(i));
        }
        if (!manual.isEmpty()) {
            assertThat(plan.phases().get(plan.phases().size() - 1).steps()).containsExactlyElementsOf(manual);
        }
    }

    @Test
    void aFollowupDueLaterAddsNoStepSoAStagedOrganisationStillConverges() {
        Plan plan = new Planner().plan(stagedEarlier().hybrid("ex01").request(spec()));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.followups()).hasSize(2);
    }

    @Test
    void theStopNamesTheSameStepsAsTheFollowups() {
        FactsBuilder facts = renewalWindow().hybrid("ex02");
        List<String> followups = new Planner().plan(facts.request(acknowledge())).followups();
        assertThatThrownBy(() -> new Planner().plan(facts.request(spec())))
                .isInstanceOf(PlanningException.class)
                .satisfies(e -> {
                    String message = ((PlanningException) e).reasons().get(0).message();
                    assertThat(message).contains("hybrid configuration was found on ex02");
                    for (String f : followups) {
                        String step = f.substring("Organisation contoso is hybrid: ".length(), f.length() - " (the engine does not do this).".length());
                        assertThat(message).contains(step);
                    }
                });
    }

    @Test
    void publishingAStagedCertificateDoesNotStopAHybridOrganisation() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01").authCert(C, days(-1800), days(45))
                .authCert(N, days(-40), days(1800)).auth(C, null, N, days(-1)).hybrid("ex01").request(spec()));
        assertThat(plan.followups()).singleElement().asString().contains(UPDATE).contains(HCW);
    }
}
