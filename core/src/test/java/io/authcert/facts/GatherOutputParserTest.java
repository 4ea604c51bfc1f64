package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatherOutputParserTest {

    private static final Instant GATHERED = Instant.parse("2026-11-26T09:00:00Z");
    private final GatherOutputParser parser = new GatherOutputParser();

    static String resource(String name) throws IOException {
        try (InputStream in = GatherOutputParserTest.class.getResourceAsStream("/io/authcert/facts/gather/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void windowsPowerShell51OutputWithBomWarningsMsDatesAndUnrolledArrays() throws Exception {
        HostFacts h = parser.parse("ex01", GATHERED, resource("ps51-single-cert.txt"), null);

        assertThat(h.reachable()).isTrue();
        assertThat(h.server().name()).isEqualTo("EX01");
        assertThat(h.server().roles()).containsExactly("Mailbox");
        assertThat(h.server().clockUtc()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(h.server().organization())
                .isEqualTo("CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=local");
        assertThat(h.authConfig().currentThumbprint()).isEqualTo("92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
        assertThat(h.authConfig().previousThumbprint()).as("empty string means unset").isNull();
        assertThat(h.authConfig().nextThumbprint()).isNull();
        assertThat(h.authConfig().nextEffectiveDate()).isNull();
        assertThat(h.authConfig().realm()).isNull();
        assertThat(h.certificates()).singleElement().satisfies(c -> {
            assertThat(c.thumbprint()).isEqualTo("92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
            assertThat(c.notBefore()).isEqualTo(Instant.parse("2018-11-23T18:34:03Z"));
            assertThat(c.notAfter()).isEqualTo(Instant.parse("2023-10-28T19:34:03Z"));
            assertThat(c.hasPrivateKey()).isTrue();
            assertThat(c.services()).containsExactly("SMTP");
            assertThat(c.domains()).isEmpty();
            assertThat(c.keySize()).isEqualTo(2048);
        });
        assertThat(h.serviceHost().startTime()).as("the /Date offset is display-only").isEqualTo(Instant.ofEpochMilli(1795850000000L));
        assertThat(h.appPools()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("MSExchangeOWAAppPool");
            assertThat(p.startTime()).isNull();
        });
        assertThat(h.backendBinding().thumbprint()).isEqualTo("823884A32609DCDC8C4B5462952586C30D814073");
        assertThat(h.certificate("92e196f3c8d3d753fcfc5b7690c3173aa1c0abe3")).isPresent();
        assertThat(h.errors()).isEmpty();
    }

    @Test
    void isoOutputWithSeveralCertificatesAndNonAsciiText() throws Exception {
        HostFacts h = parser.parse("ex02", GATHERED, resource("iso-two-certs.json"), null);

        assertThat(h.authConfig().nextEffectiveDate()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(h.authConfig().previousThumbprint()).isEqualTo("A60C6E62FF85D208DF668D597A1B077E1534147F");
        assertThat(h.certificates()).hasSize(2);
        assertThat(h.certificates().get(0).friendlyName()).endsWith("(f\u00fcr M\u00fcnchen)");
        assertThat(h.certificates().get(1).services()).containsExactly("IMAP", "POP", "IIS", "SMTP");
        assertThat(h.certificates().get(1).domains()).containsExactly("mail.contoso.com", "autodiscover.contoso.com");
        assertThat(h.appPool("msexchangeecpapppool")).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo("Stopped"));
        assertThat(h.backendBinding()).isNull();
        assertThat(h.hybrid()).isTrue();
        assertThat(h.gatheredAt()).isEqualTo(GATHERED);
    }

    @Test
    void theExchangeOrgVariableWinsOverTheDistinguishedName() throws Exception {
        HostFacts h = parser.parse("ex02", GATHERED, resource("iso-two-certs.json"), "contoso-prod");

        assertThat(h.server().organization()).isEqualTo("contoso-prod");
    }

    @Test
    void anEdgeServerHasNoAuthConfigAndNoOrganisation() throws Exception {
        HostFacts h = parser.parse("edge01", GATHERED, resource("edge.json"), null);

        assertThat(h.server().edge()).isTrue();
        assertThat(h.authConfig()).isNull();
        assertThat(h.server().organization()).isNull();
        assertThat(h.certificates()).isEmpty();
    }

    @Test
    void aBraceInsideAWarningDoesNotHideTheDocument() throws Exception {
        String out = "WARNING: cannot resolve {domain}\r\n" + resource("edge.json");

        assertThat(parser.parse("edge01", GATHERED, out, null).server().name()).isEqualTo("EDGE01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Add-PSSnapin : No snap-ins have been registered", "{\"truncated\": "})
    void outputWithoutADocumentIsOnePlainLine(String out) {
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                .isInstanceOf(FactsParseException.class)
                .hasMessageStartingWith("the gathering script printed no JSON document")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNewerFormatIsRefusedWithAnUpgradeHint() {
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, "{\"format_version\": 2, \"server\": {}}", null))
                .isInstanceOf(FactsParseException.class)
                .hasMessageContaining("format_version 2")
                .hasMessageContaining("upgrade the engine");
    }

    @Test
    void aGarbledDateIsReportedNotIgnored() {
        String out = "{\"format_version\":1,\"server\":{\"name\":\"EX1\",\"clock_utc\":\"yesterday\"}}";
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                .isInstanceOf(FactsParseException.class)
                .hasMessageContaining("not a date: yesterday");
    }

    /** Found by FactsFuzzTest: a damaged thumbprint passed the lenient reader, and the planner took it for a certificate nobody has. */
    @Test
    void aDamagedThumbprintIsRefusedNotPlannedAround() {
        String out = "{\"format_version\":1,\"server\":{\"name\":\"EX1\"},\"auth_config\":{\"current_thumbprint\":\"ZZ\"}}";
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("the gathering script's output is damaged: auth_config current_thumbprint 'ZZ' is not 40 hexadecimal digits");
    }

    /** Found by FactsFuzzTest: a certificate without dates or an app pool without a name made the planner throw NullPointerException. */
    @Test
    void aCertificateWithoutDatesAndAPoolWithoutANameAreRefused() {
        String out = "{\"format_version\":1,\"server\":{\"name\":\"EX1\"},\"certificates\":[{\"thumbprint\":\""
                + "A".repeat(40) + "\",\"not_before\":\"2026-01-01T00:00:00Z\"}],\"app_pools\":[{\"state\":\"Started\"}]}";
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("the gathering script's output is damaged: certificate 1 (AAAAAAAA\u2026) has no not_after date (and 1 more)");
    }

    /** Found by FactsFuzzTest: a /Date()/ beyond a long said Java's "For input string". */
    @Test
    void aDateBeyondALongIsNotADate() {
        String out = "{\"format_version\":1,\"server\":{\"name\":\"EX1\",\"clock_utc\":\"/Date(99999999999999999999)/\"}}";
        assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("unreadable value in the gathering script's output: not a date: /Date(99999999999999999999)/");
    }

    /**
     * Found by FactsFuzzTest (the hang detector): each brace was tried on a copy of the rest of the output, so
     * output full of braces took quadratic time (200 KB of '{' took seconds; 4 MB, half an hour). Now linear.
     */
    @Test
    void outputFullOfBracesIsAnsweredPromptly() {
        for (String out : java.util.List.of("{".repeat(4_000_000), "{\"a\":".repeat(600_000), "x{\"a\": 1,\n".repeat(300_000))) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> parser.parse("ex01", GATHERED, out, null))
                            .isInstanceOf(FactsParseException.class)
                            .hasMessageStartingWith("the gathering script printed no JSON document"));
        }
    }

    @Test
    void anUnclosedBraceInAWarningDoesNotSwallowTheDocumentBelow() throws Exception {
        String out = "WARNING: {\"x\": \r\n" + resource("edge.json");
        assertThat(parser.parse("edge01", GATHERED, out, null).server().name()).isEqualTo("EDGE01");
    }
}
