package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OWA's sign-in error events from gather.ps1's output: unknown kept apart from none, shown and kept in a facts document. */
class OwaSignInErrorsTest {

    private static final Instant GATHERED = Instant.parse("2026-11-26T09:00:00Z");

    private static HostFacts parse(String errors) throws FactsParseException {
        String document = "{\"format_version\":1,\"server\":{\"name\":\"EX01\",\"is_edge\":false,\"clock_utc\":\"2026-11-26T09:00:00Z\"},"
                + "\"auth_config\":{\"current_thumbprint\":null},\"certificates\":[],"
                + (errors == null ? "" : "\"owa_sign_in_errors\":" + errors + ",") + "\"errors\":[]}";
        return new GatherOutputParser().parse("ex01", GATHERED, document, null);
    }

    @Test
    void theCountAndTheNewestAreRead() throws Exception {
        HostFacts h = parse("{\"since\":\"2026-11-25T09:00:00.0000000Z\",\"count\":3,\"newest\":\"2026-11-26T08:59:01.1230000Z\"}");
        assertThat(h.owaSignInErrors()).isEqualTo(new OwaSignInErrors(Instant.parse("2026-11-25T09:00:00Z"), 3,
                Instant.parse("2026-11-26T08:59:01.123Z")));
        assertThat(h.owaSignInErrors().seen()).isTrue();
    }

    @Test
    void noneIsKnownAndNullMissingOrCountlessIsUnknown() throws Exception {
        HostFacts none = parse("{\"since\":\"2026-11-25T09:00:00Z\",\"count\":0,\"newest\":null}");
        assertThat(none.owaSignInErrors().known()).isTrue();
        assertThat(none.owaSignInErrors().seen()).isFalse();
        assertThat(parse("null").owaSignInErrors()).isEqualTo(OwaSignInErrors.UNKNOWN);
        assertThat(parse(null).owaSignInErrors()).isEqualTo(OwaSignInErrors.UNKNOWN);
        assertThat(parse("{\"since\":\"2026-11-25T09:00:00Z\",\"count\":\"many\"}").owaSignInErrors().known()).isFalse();
    }

    @Test
    void theFactsJsonShowsThemAndUnknownAsNull(@TempDir Path dir) throws Exception {
        HostFacts seen = parse("{\"since\":\"2026-11-25T09:00:00Z\",\"count\":2,\"newest\":\"2026-11-26T08:00:00Z\"}");
        HostFacts unknown = parse("null");
        Facts facts = new Facts(Map.of("ex01", seen, "ex02", unknown));
        String json = FactsDocument.toJson(facts, Map.of()).replaceAll("\\s", "");
        assertThat(json).contains("\"owa_sign_in_errors\":{\"since\":\"2026-11-25T09:00:00Z\",\"count\":2,\"newest\":\"2026-11-26T08:00:00Z\"}")
                .contains("\"owa_sign_in_errors\":null");
        Facts back = FactsDocument.read(FactsDocument.save(facts, dir));
        assertThat(back.hosts().get("ex01").owaSignInErrors()).isEqualTo(seen.owaSignInErrors());
        assertThat(back.hosts().get("ex02").owaSignInErrors().known()).isFalse();
    }
}
