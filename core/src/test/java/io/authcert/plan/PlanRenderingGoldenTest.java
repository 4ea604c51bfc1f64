package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static io.authcert.plan.FactsBuilder.spec;
import static io.authcert.plan.FactsBuilder.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.Serial;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three renderings of a few plans against golden files in {@code src/test/resources/plan/golden}.
 * Regenerate them after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class PlanRenderingGoldenTest {

    private static final Path GOLDEN = Path.of("core/src/test/resources/plan/golden");

    static Plan healthy() {
        return new Planner().plan(FactsBuilder.healthy("ex01", "ex02", "edge01").edge("edge01").request(spec()));
    }

    static Plan expired() {
        FactsBuilder b = new FactsBuilder().hosts("ex01", "ex02", "ex03")
                .authCert(tp("OLD"), NOW.minus(Duration.ofDays(1900)), NOW.minus(Duration.ofDays(1)))
                .auth(tp("OLD"), null, null, null).hybrid("ex01");
        AuthCertificateSpec d = spec();
        AuthCertificateSpec s = new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(),
                d.renewBeforeDays(), d.stageDays(), d.rotation(), AuthCertificateSpec.Distribute.IMPORT, d.replicationTimeout(),
                true, AuthCertificateSpec.HybridPolicy.ACKNOWLEDGE, d.unreachable(), null);
        return new Planner().plan(new PlanRequest("playbooks/auth-certificate.yml", b.names(), new Serial(java.util.List.of("1")),
                new Plan.FailurePolicy(true, null), s, null, null, null, b.build(), Map.of(), NOW));
    }

    static Plan staged() {
        return new Planner().plan(new FactsBuilder().hosts("ex01", "ex02")
                .authCert(tp("C"), NOW.minus(Duration.ofDays(1800)), NOW.plus(Duration.ofDays(45)))
                .auth(tp("C"), tp("OLD"), null, null).request(spec()));
    }

    /** A hybrid organisation in its renewal window, acknowledged: the follow-up due after staging and the one due at publish. */
    static Plan hybridStaged() {
        return new Planner().plan(new FactsBuilder().hosts("ex01", "ex02")
                .authCert(tp("C"), NOW.minus(Duration.ofDays(1800)), NOW.plus(Duration.ofDays(45)))
                .auth(tp("C"), null, null, null).hybrid("ex01")
                .request(spec(AuthCertificateSpec.Rotation.AUTO, AuthCertificateSpec.HybridPolicy.ACKNOWLEDGE,
                        AuthCertificateSpec.UnreachablePolicy.STOP, null)));
    }

    /** The expired outage with EX04 outside the inventory and EX05 ignored on purpose: clearing previous is held. */
    static Plan outside() {
        return new Planner().plan(new FactsBuilder().hosts("ex01", "ex02")
                .authCert(tp("OLD"), NOW.minus(Duration.ofDays(1900)), NOW.minus(Duration.ofDays(1)))
                .auth(tp("OLD"), tp("OLDER"), null, null).outside("ex04", "ex05").request(spec(), "ex05"));
    }

    static Stream<Arguments> renderings() {
        Map<String, Function<Plan, String>> renderers = Map.of(
                "txt", p -> new PlanTextRenderer().render(p),
                "json", PlanJson::write,
                "md", p -> new PlanMarkdownRenderer().render(p));
        Map<String, Plan> plans = Map.of("healthy", healthy(), "expired", expired(), "staged", staged(), "outside", outside(),
                "hybrid-staged", hybridStaged());
        return plans.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(p -> renderers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(r -> Arguments.of(p.getKey() + "." + r.getKey(), r.getValue().apply(p.getValue()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void matchesGoldenFile(String name, String rendered) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
        assertThat(rendered).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
