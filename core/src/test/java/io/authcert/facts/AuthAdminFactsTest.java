package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servicelet's facts from gather.ps1's output, unknown kept apart from none, and through a facts document. */
class AuthAdminFactsTest {

    private static final Instant GATHERED = Instant.parse("2026-11-26T09:00:00Z");
    private static final String T = "92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3";

    private static String document(String authAdmin, String errors) {
        return "{\"format_version\":1,\"server\":{\"name\":\"EX01\",\"is_edge\":false,\"clock_utc\":\"2026-11-26T09:00:00Z\"},"
                + "\"auth_config\":{\"current_thumbprint\":\"" + T + "\"},\"certificates\":[],"
                + "\"auth_admin\":" + authAdmin + ",\"errors\":" + errors + "}";
    }

    private static HostFacts parse(String authAdmin, String errors) throws FactsParseException {
        return new GatherOutputParser().parse("ex01", GATHERED, document(authAdmin, errors), null);
    }

    @Test
    void theLastRunAndThePublishEventsAreRead() throws Exception {
        HostFacts h = parse("{\"last_run\":\"2026-11-26T04:00:00.0000000Z\",\"published\":[{\"thumbprint\":\""
                + T.toLowerCase() + "\",\"at\":\"2026-11-20T08:30:00.1230000Z\"}]}", "[]");
        assertThat(h.authAdmin().lastRun()).isEqualTo(Instant.parse("2026-11-26T04:00:00Z"));
        assertThat(h.authAdmin().publishedAt(T)).contains(Instant.parse("2026-11-20T08:30:00.123Z"));
        assertThat(h.authAdmin().publishedAt("00")).isEmpty();
    }

    @Test
    void anEmptyLogIsKnownToHoldNoneAndAnUnreadableOneIsUnknown() throws Exception {
        HostFacts none = parse("{\"last_run\":null,\"published\":[]}", "[]");
        assertThat(none.authAdmin().publishedKnown()).isTrue();
        assertThat(none.authAdmin().published()).isEmpty();
        HostFacts unknown = parse("{\"last_run\":null,\"published\":null}",
                "[\"MSExchange AuthAdmin event 2014 could not be read from the Application log: Access is denied\"]");
        assertThat(unknown.authAdmin().publishedKnown()).isFalse();
        assertThat(unknown.authAdmin().lastRun()).isNull();
        assertThat(unknown.errors()).singleElement().asString().contains("could not be read");
        HostFacts older = new GatherOutputParser().parse("ex01", GATHERED, document("null", "[]").replace(",\"auth_admin\":null", ""), null);
        assertThat(older.authAdmin()).isEqualTo(AuthAdminFacts.UNKNOWN);
    }

    @Test
    void aFactsDocumentKeepsThem(@TempDir Path dir) throws Exception {
        HostFacts h = parse("{\"last_run\":\"2026-11-26T04:00:00Z\",\"published\":[{\"thumbprint\":\"" + T
                + "\",\"at\":\"2026-11-20T08:30:00Z\"}]}", "[]");
        HostFacts unknown = parse("{\"last_run\":\"2026-11-26T04:00:00Z\",\"published\":null}", "[]");
        Facts facts = new Facts(Map.of("ex01", h, "ex02", unknown));
        Facts back = FactsDocument.read(FactsDocument.save(facts, dir));
        assertThat(back.hosts().get("ex01").authAdmin()).isEqualTo(new AuthAdminFacts(Instant.parse("2026-11-26T04:00:00Z"),
                List.of(new AuthAdminFacts.Publish(T, Instant.parse("2026-11-20T08:30:00Z")))));
        assertThat(back.hosts().get("ex02").authAdmin().publishedKnown()).isFalse();
    }
}
