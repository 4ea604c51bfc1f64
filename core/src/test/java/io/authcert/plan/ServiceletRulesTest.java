package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.HostFacts;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AuthAdmin servicelet's rules as the planner applies them: a staged certificate counts only if a
 * servicelet publishes it before the current one expires, and OWA/ECP pools are recycled when they
 * started before the current certificate became current (event 2014), not before its NotBefore.
 */
class ServiceletRulesTest {

    private static final String C = tp("C");
    private static final String N = tp("N");
    private static final String P = tp("P");

    private static Instant hours(long h) {
        return NOW.plus(Duration.ofHours(h));
    }

    private static Organisation org(FactsBuilder b) {
        List<HostFacts> hosts = List.copyOf(b.build().hosts().values());
        return new Organisation("contoso", hosts.get(0), hosts);
    }

    // ---- when the servicelet publishes -------------------------------------------------------------

    /** lastRun / service start relative to NOW (hours; "-" unknown), the effective date, when it publishes. */
    @ParameterizedTest(name = "last run {0}, service start {1}, effective +{2}h: published +{3}h")
    @CsvSource({
        // counted from the last run: the first 12-hour mark at or after the date
        "-2,  -24, 48, 58",
        "-2,  -24, 58, 58",
        "-2,  -24, 59, 70",
        // no last run read: from the Service Host's start
        "-,   -1,  48, 59",
        // neither: 12 hours after the date at worst
        "-,   -,   48, 60",
        // a run just after the date but it has not run since it passed: the next one
        "0,   -24, 0,  12",
    })
    void theServiceletPublishesAtItsFirstRunOnOrAfterTheDate(String lastRun, String started, long effective, long published) {
        FactsBuilder b = new FactsBuilder().hosts("ex01").authCert(N, hours(-1), hours(50_000)).auth(C, null, N, hours(effective));
        if (!lastRun.equals("-")) {
            b.serviceletRan(hours(Long.parseLong(lastRun)));
        }
        if (!started.equals("-")) {
            b.serviceStarted("ex01", hours(Long.parseLong(started)));
        } else {
            b.serviceStarted("ex01", null);
        }
        assertThat(ServiceletSchedule.publishedBy(org(b), N, hours(effective))).isEqualTo(hours(published));
    }

    @Test
    void theFirstServerHoldingTheCertificateToRunPublishesIt() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02", "ex03")
                .authCert(N, hours(-1), hours(50_000), "ex01", "ex02").auth(C, null, N, hours(48))
                .serviceletRan(hours(-11), "ex01").serviceletRan(hours(-3), "ex02").serviceletRan(hours(-1), "ex03");
        // ex01 runs at +49, ex02 at +57; ex03 runs first (+59 is later anyway) but lacks the certificate
        assertThat(ServiceletSchedule.publishedBy(org(b), N, hours(48))).isEqualTo(hours(49));
    }

    @Test
    void aStagedCertificateTheServiceletPublishesBeforeTheCurrentExpiresIsEnough() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(C, NOW.minus(Duration.ofDays(1800)), hours(72)).authCert(N, hours(-1), hours(50_000))
                .auth(C, null, N, hours(55)).serviceletRan(hours(-1));
        // runs at +11, +23, +35, +47, +59: publishes at +59, before +72
        assertThat(new Planner().plan(b.request(spec())).steps())
                .noneMatch(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE || s.action() == Action.CREATE_CERTIFICATE);
    }

    @Test
    void aStagedCertificateTheServiceletWouldPublishOnlyAfterTheCurrentExpiresIsStagedAgain() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02")
                .authCert(C, NOW.minus(Duration.ofDays(1800)), hours(72)).authCert(N, hours(-1), hours(50_000))
                .auth(C, null, N, hours(66)).serviceletRan(hours(-1));
        // runs at +59 and +71... first on or after +66 is +71: still before +72, so it counts
        assertThat(stageSteps(b)).isEmpty();
        b.serviceletRan(hours(-6));
        // now the runs are +54, +66: +66 counts too
        assertThat(stageSteps(b)).isEmpty();
        b.serviceletRan(hours(-7));
        // +53, +65, +77: published only after the current one expired at +72
        List<Step> stage = stageSteps(b);
        assertThat(stage).singleElement().satisfies(s -> {
            assertThat(s.details()).containsEntry("thumbprint", N).containsEntry("effective_in_days", "2");
            assertThat(s.reason()).contains("would publish it only by " + hours(77), "every 12 hours");
        });
    }

    @Test
    void withTheScheduleUnknownTheDateNeedsTwelveHoursBeforeExpiry() {
        FactsBuilder b = new FactsBuilder().hosts("ex01").authCert(C, NOW.minus(Duration.ofDays(1800)), hours(72))
                .authCert(N, hours(-1), hours(50_000)).auth(C, null, N, hours(61)).serviceStarted("ex01", null);
        assertThat(stageSteps(b)).as("61 + 12 = 73, after +72").hasSize(1);
        b.auth(C, null, N, hours(59));
        assertThat(stageSteps(b)).as("59 + 12 = 71").isEmpty();
    }

    /** Whatever date the planner stages, the servicelet's worst case (12 hours later) still beats the expiry. */
    @Property(tries = 500)
    void everyStagedDateLeavesTheServiceletTimeToPublish(@ForAll @IntRange(min = 49, max = 24 * 400) int hoursLeft,
            @ForAll @IntRange(min = 2, max = 365) int stageDays) {
        Instant notAfter = hours(hoursLeft);
        int days = EffectiveDate.days(stageDays, NOW, notAfter);
        if (days > 0) {
            assertThat(NOW.plus(Duration.ofDays(days)).plus(ServiceletSchedule.PERIOD)).isBefore(notAfter);
        }
    }

    /** Staging, then planning again at once with nothing published yet, never changes course. */
    @Property(tries = 300)
    void aDateThePlannerStagedCountsWhenPlanningAgain(@ForAll @IntRange(min = 3, max = 59) int daysLeft,
            @ForAll @IntRange(min = 0, max = 11) int lastRunHoursAgo) {
        Instant notAfter = NOW.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1));
        FactsBuilder before = new FactsBuilder().hosts("ex01", "ex02").authCert(C, NOW.minus(Duration.ofDays(1800)), notAfter)
                .auth(C, null, null, null).serviceletRan(hours(-lastRunHoursAgo));
        Step stage = new Planner().plan(before.request(spec())).steps().stream()
                .filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE).findFirst().orElseThrow();
        Instant effective = Instant.parse(stage.details().get("effective_date"));
        FactsBuilder after = before.authCert(N, NOW, NOW.plus(Duration.ofDays(1826))).auth(C, null, N, effective);
        assertThat(stageSteps(after)).isEmpty();
    }

    private static List<Step> stageSteps(FactsBuilder b) {
        return new Planner().plan(b.request(spec())).steps().stream()
                .filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE || s.action() == Action.CREATE_CERTIFICATE).toList();
    }

    // ---- app pools against the moment the certificate became current -------------------------------

    private static FactsBuilder currentSince(Instant poolsStarted) {
        return new FactsBuilder().hosts("ex01", "ex02")
                .authCert(C, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(1800))).auth(C, null, null, null)
                .poolsStarted("ex01", poolsStarted).poolsStarted("ex02", poolsStarted);
    }

    private static List<String> recycled(FactsBuilder b, AuthCertificateSpec spec) {
        return new Planner().plan(b.request(spec)).steps().stream().filter(s -> s.action() == Action.RECYCLE_APP_POOL)
                .map(s -> s.host() + "/" + s.details().get("app_pool")).toList();
    }

    @Test
    void poolsThatStartedBeforeThePublishAreRecycledThoughTheyStartedAfterTheNotBefore() {
        FactsBuilder b = currentSince(hours(-6)).published(C, hours(-2), "ex02").published(null, null, "ex01");
        assertThat(recycled(b, spec())).containsExactly("ex01/MSExchangeOWAAppPool", "ex01/MSExchangeECPAppPool",
                "ex02/MSExchangeOWAAppPool", "ex02/MSExchangeECPAppPool");
        Step first = new Planner().plan(b.request(spec())).steps().get(0);
        assertThat(first.reason()).contains("before the current certificate", "became current (" + hours(-2) + ", event 2014)");
    }

    @Test
    void poolsThatStartedAfterThePublishAreLeftAlone() {
        assertThat(recycled(currentSince(hours(-1)).published(C, hours(-2), "ex01"), spec())).isEmpty();
    }

    @Test
    void anEventForAnotherCertificateSaysNothingAboutTheCurrentOne() {
        assertThat(recycled(currentSince(hours(-6)).published(P, hours(-2)), spec())).isEmpty();
    }

    /** Unknown publish time: previous set or not, cleared by the plan or kept, pools older than the certificate or not. */
    @ParameterizedTest(name = "previous {0}, clear_previous {1}, pools {2}h: recycle {3}")
    @CsvSource({
        "true,  true,  -6,   true",    // the previous one is cleared next: recycle what may still sign with it
        "true,  false, -6,   false",   // kept: leave them, the plan warns
        "false, true,  -6,   false",   // nothing to clear: a closed rotation
        "false, true,  -100, true",    // older than the certificate itself: surely stale
    })
    void withThePublishTimeUnknownTheDecisionIsTheSafeOne(boolean previous, boolean clearPrevious, long poolsStarted,
            boolean recycle) {
        FactsBuilder b = currentSince(hours(poolsStarted)).auth(C, previous ? P : null, null, null).published(null, null);
        AuthCertificateSpec d = spec();
        AuthCertificateSpec spec = new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(),
                d.renewBeforeDays(), d.stageDays(), d.rotation(), d.distribute(), d.replicationTimeout(), clearPrevious,
                d.hybrid(), d.unreachable(), d.primary());
        Plan plan = new Planner().plan(b.request(spec));
        assertThat(recycled(b, spec)).hasSize(recycle ? 4 : 0);
        boolean warned = plan.warnings().stream().anyMatch(w -> w.contains("became current is unknown"));
        assertThat(warned).isEqualTo(previous && !clearPrevious);
        if (recycle && previous) {
            int lastRecycle = plan.steps().stream().filter(s -> s.action() == Action.RECYCLE_APP_POOL)
                    .mapToInt(s -> plan.steps().indexOf(s)).max().orElseThrow();
            int clear = plan.steps().stream().filter(s -> s.action() == Action.CLEAR_PREVIOUS_CERTIFICATE)
                    .mapToInt(s -> plan.steps().indexOf(s)).findFirst().orElseThrow();
            assertThat(lastRecycle).as("recycled before the previous certificate is cleared").isLessThan(clear);
        }
    }

    @Test
    void aServerStillReadingTheOldConfigurationRecyclesItsPoolsOnceItReadsTheNewOne() {
        FactsBuilder b = currentSince(hours(-1)).published(C, hours(-2), "ex01").authOn("ex02", P);
        Plan plan = new Planner().plan(b.request(spec()));
        assertThat(plan.steps()).extracting(Step::id).containsExactly(
                "p1.ex02.wait_for_auth_config." + C.substring(0, 8),
                "p2.ex02.recycle_app_pool.MSExchangeOWAAppPool", "p2.ex02.recycle_app_pool.MSExchangeECPAppPool");
        assertThat(plan.steps().get(1).reason()).contains("still named " + P.substring(0, 8));
    }

    @Test
    void theStagedDateIsTakenOnTheServerJustBeforeSetAuthConfigAsALocalTimeOfTheSameInstant() {
        Plan plan = new Planner().plan(new FactsBuilder().hosts("ex01").authCert(C, NOW.minus(Duration.ofDays(1800)),
                NOW.plus(Duration.ofDays(40))).auth(C, null, null, null).request(spec()));
        Step stage = plan.steps().stream().filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE).findFirst().orElseThrow();
        List<String> lines = stage.script().shown().lines().toList();
        int date = lines.indexOf("$effective = [DateTime]::UtcNow.AddDays(30).ToLocalTime()");
        assertThat(date).isPositive();
        assertThat(lines.get(date + 1)).startsWith("Set-AuthConfig -NewCertificateThumbprint $thumbprint -NewCertificateEffectiveDate $effective");
        assertThat(Optional.ofNullable(stage.details().get("effective_date"))).contains(NOW.plus(Duration.ofDays(30)).toString());
        assertThat(Map.copyOf(stage.details())).containsEntry("effective_in_days", "30");
    }
}
