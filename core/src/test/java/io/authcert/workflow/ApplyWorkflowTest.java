package io.authcert.workflow;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.facts.Facts;
import io.authcert.inventory.InventoryHost;
import io.authcert.plan.FactsBuilder;
import io.authcert.plan.Plan;
import io.authcert.plan.Planner;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.run.RunResult;
import io.authcert.testing.RepoFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apply workflow with fakes for every collaborator: no injector, no server, no terminal. */
class ApplyWorkflowTest {

    private static final Path PLAYBOOK = Path.of("playbooks/auth-certificate.yml");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<String> heard = new ArrayList<>();
    private final List<Plan> executed = new ArrayList<>();
    private Facts facts = expired().build();
    private Confirmation.Answer answer = Confirmation.Answer.YES;
    private boolean lockHeld;
    private Verifier.Outcome verification = Verifier.Outcome.VERIFIED;
    private boolean lockReleased;

    private static FactsBuilder expired() {
        return new FactsBuilder().hosts("ex01", "ex02", "ex03")
                .authCert(tp("OLD"), NOW.minus(Duration.ofDays(1900)), NOW.minus(Duration.ofDays(1)))
                .auth(tp("OLD"), null, null, null);
    }

    private static SelectedPlay play() {
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(RepoFiles.path(PLAYBOOK.toString()), Map.of());
        List<InventoryHost> hosts = List.of(new InventoryHost("ex01", Map.of()), new InventoryHost("ex02", Map.of()),
                new InventoryHost("ex03", Map.of()));
        int index = PlaySelection.playIndex(loaded, PLAYBOOK, PlaySelection.Purpose.APPLY);
        return new SelectedPlay(PLAYBOOK.toString(), loaded.playbook().plays().get(index), hosts);
    }

    private static ApplyOptions options(boolean autoApprove) {
        return new ApplyOptions(autoApprove, 5, Path.of("state"), Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ofMinutes(10), null, null);
    }

    private ApplyRequest.Builder request(boolean autoApprove) {
        return ApplyRequest.builder().inventories(List.of(Path.of("hosts.yml"))).play(play()).options(options(autoApprove));
    }

    private ApplyWorkflow workflow() {
        ApplyListener listener = new ApplyListener() {
            @Override
            public void gathering(List<String> hosts) {
                heard.add("gathering " + hosts);
            }

            @Override
            public void planReady(Plan plan) {
                heard.add("plan " + plan.steps().size());
            }

            @Override
            public void notConfirmed(Confirmation.Answer a) {
                heard.add("not confirmed " + a);
            }

            @Override
            public void stale(StalePlan stale) {
                heard.add("stale " + stale.differences());
            }

            @Override
            public void edited(Path file, List<String> differences) {
                heard.add("edited " + differences);
            }

            @Override
            public void lockHeld(String message, String lockFile) {
                heard.add("lock held " + message);
            }
        };
        ApplyLocks locks = (inventories, servers) -> {
            if (lockHeld) {
                throw new ApplyLocks.HeldException("held by pid 42 on elsewhere", "state/locks/apply-hosts.yml.lock");
            }
            return () -> lockReleased = true;
        };
        PlanExecution execution = (plan, replanner) -> {
            executed.add(plan);
            return new RunResult(RunResult.Status.SUCCEEDED, List.of(), List.of(), null, 0, Duration.ZERO);
        };
        return new ApplyWorkflow(hosts -> facts, plan -> answer, locks, execution, play -> verification, listener, CLOCK);
    }

    private ApplyRequest.Builder guarded(io.authcert.plan.GuardRails rails) {
        ApplyOptions o = options(true);
        return request(true).options(new ApplyOptions(true, o.forks(), o.stateDir(), o.pollInterval(), o.nudgeInterval(),
                o.healthTimeout(), null, null, rails));
    }

    @Test
    void whatTheGuardRailsDoNotAllowIsNotExecutedAndTheApplyEndsHeldBack() throws Exception {
        var rails = new io.authcert.plan.GuardRails(java.util.EnumSet.of(io.authcert.plan.ChangeClass.IMMEDIATE), null);

        ApplyResult result = workflow().run(guarded(rails).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.HELD_BACK);
        assertThat(executed).singleElement().satisfies(p -> assertThat(p.steps())
                .noneMatch(s -> s.action() == io.authcert.plan.Action.CLEAR_PREVIOUS_CERTIFICATE).isNotEmpty());
    }

    @Test
    void nothingRunsWhenNothingIsAllowedOrTooManyHostsWouldChange() throws Exception {
        var nothing = new io.authcert.plan.GuardRails(java.util.Set.of(), null);
        assertThat(workflow().run(guarded(nothing).build()).status()).isEqualTo(ApplyResult.Status.HELD_BACK);
        var two = new io.authcert.plan.GuardRails(io.authcert.plan.ChangeClass.ALL, 2);
        assertThat(workflow().run(guarded(two).build()).status()).isEqualTo(ApplyResult.Status.TOO_MANY_HOSTS);
        assertThat(executed).isEmpty();
    }

    @Test
    void aPlanNobodyConfirmsIsNotExecuted() throws Exception {
        answer = Confirmation.Answer.NO;

        ApplyResult result = workflow().run(request(false).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.NOT_CONFIRMED);
        assertThat(result.succeeded()).isFalse();
        assertThat(executed).isEmpty();
        assertThat(heard).first().asString().startsWith("gathering [ex01, ex02, ex03]");
        assertThat(heard).anyMatch(h -> h.startsWith("plan ")).contains("not confirmed NO");
        assertThat(lockReleased).isTrue();
    }

    @Test
    void withoutATerminalAndWithoutAutoApproveNothingIsExecuted() throws Exception {
        answer = Confirmation.Answer.CANNOT_ASK;

        assertThat(workflow().run(request(false).build()).status()).isEqualTo(ApplyResult.Status.NOT_CONFIRMED);
        assertThat(executed).isEmpty();
        assertThat(heard).contains("not confirmed CANNOT_ASK");
    }

    @Test
    void autoApproveExecutesThePlanAndVerifies() throws Exception {
        answer = Confirmation.Answer.NO; // never asked

        ApplyResult result = workflow().run(request(true).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(executed).singleElement().satisfies(p -> assertThat(p.isEmpty()).isFalse());
    }

    @Test
    void aStaleSavedPlanIsRefusedNamingTheDifferences() throws Exception {
        SelectedPlay play = play();
        Plan saved = new Planner().plan(play.planRequest(expired().build(), NOW));
        facts = FactsBuilder.healthy("ex01", "ex02", "ex03").build(); // the servers changed since the review

        ApplyResult result = workflow().run(request(true).savedPlan(saved, Path.of("plan.json")).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.STALE);
        assertThat(executed).isEmpty();
        assertThat(heard).anyMatch(h -> h.startsWith("stale [the facts changed since the plan was made")
                && h.contains("no longer needed: create_certificate"));
        assertThat(heard).noneMatch(h -> h.startsWith("plan "));
    }

    @Test
    void aSavedPlanWhoseFactsStillHoldIsExecutedExactly() throws Exception {
        Plan saved = new Planner().plan(play().planRequest(facts, NOW));

        assertThat(workflow().run(request(true).savedPlan(saved, Path.of("plan.json")).build()).succeeded()).isTrue();
        assertThat(executed).containsExactly(saved);
    }

    /** A saved plan as `engine apply PLAN.json` reads it: written, perhaps edited by hand, read back. */
    private static Plan savedAs(Plan plan, java.util.function.UnaryOperator<String> edit) {
        return io.authcert.plan.PlanJson.read(edit.apply(io.authcert.plan.PlanJson.write(plan)), "plan.json");
    }

    @Test
    void aSavedPlanReadBackFromItsFileRunsThePlannersOwnCopy() throws Exception {
        Plan made = new Planner().plan(play().planRequest(facts, NOW.minus(Duration.ofHours(3))));

        ApplyResult result = workflow().run(request(true).savedPlan(savedAs(made, json -> json), Path.of("plan.json")).build());

        assertThat(result.succeeded()).isTrue();
        assertThat(executed).containsExactly(made); // planned at the file's moment, not at apply time
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> edits() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("an edited script",
                        (java.util.function.UnaryOperator<String>) j -> j.replaceFirst("Restart-Service", "Stop-Service"),
                        "script line"),
                org.junit.jupiter.params.provider.Arguments.of("an appended line",
                        (java.util.function.UnaryOperator<String>) j -> j.replaceFirst("(\"script\" : \"[^\"]*)\"",
                                "$1\\\\nInvoke-Expression \\$env:X\""),
                        "script line"),
                org.junit.jupiter.params.provider.Arguments.of("a longer timeout",
                        (java.util.function.UnaryOperator<String>) j -> j.replaceFirst("\"timeout_seconds\" : \\d+", "\"timeout_seconds\" : 99999"),
                        "timeout_seconds"),
                org.junit.jupiter.params.provider.Arguments.of("another host",
                        (java.util.function.UnaryOperator<String>) j -> j.replaceFirst("\"host\" : \"ex02\"", "\"host\" : \"ex03\""),
                        "host is ex03 in the file"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("edits")
    void anEditedSavedPlanIsRefusedNamingTheEditAndNothingRuns(String what, java.util.function.UnaryOperator<String> edit,
            String named) throws Exception {
        Plan made = new Planner().plan(play().planRequest(facts, NOW));
        Plan edited = savedAs(made, edit);
        assertThat(io.authcert.plan.PlanJson.write(edited)).as("the edit took").isNotEqualTo(io.authcert.plan.PlanJson.write(made));

        ApplyResult result = workflow().run(request(true).savedPlan(edited, Path.of("plan.json")).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.EDITED);
        assertThat(executed).isEmpty();
        assertThat(heard).anyMatch(h -> h.startsWith("edited ") && h.contains(named));
        assertThat(heard).noneMatch(h -> h.startsWith("plan "));
    }

    @Test
    void aSavedPlanWithAPhaseDeletedIsRefused() throws Exception {
        Plan made = new Planner().plan(play().planRequest(facts, NOW));
        List<io.authcert.plan.Phase> fewer = new ArrayList<>(made.phases());
        io.authcert.plan.Phase removed = fewer.remove(fewer.size() - 1);
        Plan edited = new Plan(made.formatVersion(), made.playbook(), made.plannedAt(), made.factsFingerprint(), made.hosts(),
                made.failurePolicy(), fewer, made.warnings(), made.followups(), made.skippedHosts(), made.outsideServers(),
                made.held());

        ApplyResult result = workflow().run(request(true).savedPlan(savedAs(edited, j -> j), Path.of("plan.json")).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.EDITED);
        assertThat(executed).isEmpty();
        assertThat(heard).anyMatch(h -> h.contains("phase " + removed.number() + " (" + removed.name() + ") is missing from the file"));
    }

    @Test
    void aHeldLockRefusesBeforeAnythingIsGathered() throws Exception {
        lockHeld = true;

        ApplyResult result = workflow().run(request(true).build());

        assertThat(result.status()).isEqualTo(ApplyResult.Status.LOCK_HELD);
        assertThat(executed).isEmpty();
        assertThat(heard).containsExactly("lock held held by pid 42 on elsewhere");
    }

    @Test
    void aFailedVerificationIsNotSuccess() throws Exception {
        verification = Verifier.Outcome.FAILED;

        ApplyResult result = workflow().run(request(true).build());

        assertThat(executed).hasSize(1);
        assertThat(result.status()).isEqualTo(ApplyResult.Status.FAILED);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void nothingToDoIsOnlyVerified() throws Exception {
        facts = FactsBuilder.healthy("ex01", "ex02", "ex03").build();

        assertThat(workflow().run(request(false).build()).status()).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
        assertThat(executed).isEmpty();
        verification = Verifier.Outcome.FAILED;
        assertThat(workflow().run(request(false).build()).status()).isEqualTo(ApplyResult.Status.FAILED);
    }

    @Test
    void whatNeedsAPersonIsNeitherSuccessNorFailure() throws Exception {
        verification = Verifier.Outcome.NEEDS_HUMAN;

        ApplyResult applied = workflow().run(request(true).build());

        assertThat(executed).hasSize(1);
        assertThat(applied.status()).isEqualTo(ApplyResult.Status.NEEDS_HUMAN);
        assertThat(applied.succeeded()).isFalse();
        facts = FactsBuilder.healthy("ex01", "ex02", "ex03").build();
        assertThat(workflow().run(request(false).build()).status()).isEqualTo(ApplyResult.Status.NEEDS_HUMAN);
        assertThat(executed).hasSize(1);
    }

    @Test
    void aRequestNamesEveryMissingFieldAtOnce() {
        assertThatThrownBy(() -> ApplyRequest.builder().build())
                .hasMessage("an apply request needs inventories, play, options");
    }
}
