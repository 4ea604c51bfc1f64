package io.authcert.plan;

import static io.authcert.plan.FactsBuilder.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    @Test
    void roundTripGivesTheSamePlanAndTheSameBytes() {
        for (Plan plan : new Plan[] {PlanRenderingGoldenTest.healthy(), PlanRenderingGoldenTest.expired(),
                PlanRenderingGoldenTest.staged()}) {
            String json = PlanJson.write(plan);
            Plan read = PlanJson.read(json, "plan.json");
            assertThat(read).isEqualTo(plan);
            assertThat(PlanJson.write(read)).isEqualTo(json);
        }
    }

    @Test
    void sameInputsGiveByteIdenticalJson() {
        assertThat(PlanJson.write(PlanRenderingGoldenTest.expired())).isEqualTo(PlanJson.write(PlanRenderingGoldenTest.expired()));
    }

    @Test
    void jsonIsVersionedAndSorted() {
        String json = PlanJson.write(PlanRenderingGoldenTest.staged());
        assertThat(json).startsWith("{\n  \"changes_pending\" : true,\n").contains("\"format_version\" : 1")
                .doesNotContain("\r");
        assertThat(json.indexOf("\"facts_fingerprint\"")).isLessThan(json.indexOf("\"format_version\""));
    }

    @Test
    void foreignOrNewerFilesAreRefusedClearly() {
        assertThatThrownBy(() -> PlanJson.read("{\"format_version\": 9}", "p.json")).isInstanceOf(InputException.class)
                .hasMessageContaining("p.json").hasMessageContaining("format_version 9 is not supported");
        assertThatThrownBy(() -> PlanJson.read("[1, 2", "p.json")).isInstanceOf(InputException.class)
                .hasMessageContaining("not a plan file");
        assertThatThrownBy(() -> PlanJson.read("{\"a\": 1}", "p.json")).isInstanceOf(InputException.class)
                .hasMessageContaining("no format_version");
    }

    @Test
    void fingerprintIgnoresClockReadingsButNotCertificates() {
        FactsBuilder base = FactsBuilder.healthy("ex01", "ex02");
        String fp = FactsFingerprint.of(base.build(), base.names());
        assertThat(fp).matches("sha256:[0-9a-f]{64}");
        FactsBuilder skewed = FactsBuilder.healthy("ex01", "ex02").clock("ex02", NOW.minus(Duration.ofSeconds(30)));
        assertThat(FactsFingerprint.of(skewed.build(), skewed.names())).isEqualTo(fp);
        FactsBuilder changed = FactsBuilder.healthy("ex01", "ex02").auth(FactsBuilder.tp("C"), FactsBuilder.tp("P"), null, null);
        assertThat(FactsFingerprint.of(changed.build(), changed.names())).isNotEqualTo(fp);
        FactsBuilder recycled = FactsBuilder.healthy("ex01", "ex02").poolsStarted("ex01", NOW);
        assertThat(FactsFingerprint.of(recycled.build(), recycled.names())).isNotEqualTo(fp);
    }

    @Test
    void aPlanMatchesTheFactsItWasMadeFromAndNoOthers() {
        FactsBuilder b = FactsBuilder.healthy("ex01", "ex02", "ex03").auth(FactsBuilder.tp("C"), FactsBuilder.tp("P"), null, null)
                .unreachable("ex03");
        io.authcert.playbook.modules.AuthCertificateSpec d = FactsBuilder.spec();
        io.authcert.playbook.modules.AuthCertificateSpec skip = FactsBuilder.spec(d.rotation(), d.hybrid(),
                io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy.SKIP, null);
        Plan plan = new Planner().plan(b.request(skip));
        assertThat(plan.skippedHosts()).containsExactly("ex03");
        assertThat(FactsFingerprint.matches(plan, b.build())).isTrue();
        assertThat(FactsFingerprint.matches(PlanJson.read(PlanJson.write(plan), "p.json"), b.build())).isTrue();
        assertThat(FactsFingerprint.matches(plan, b.auth(FactsBuilder.tp("C"), null, null, null).build())).isFalse();
    }
}
