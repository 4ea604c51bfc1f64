package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Golden outputs of ConvertTo-Json in Windows PowerShell 5.1's conventions. */
class ConvertToJsonTest {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    private static String json(String name, String script) {
        SCRIPTS.put("json-" + name, script);
        PsRun.Result r = PsRun.run(PsRun.host(StubExchange.registry()), script);
        assertThat(r.stderr()).as("stderr").isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).endsWith("\r\n");
        return r.stdout().substring(0, r.stdout().length() - 2);
    }

    private static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    @Test
    void nestedBlocksAlignUnderTheirKeyAsIn51() {
        // the shape of a real Windows PowerShell 5.1 output: 4-space indent, two spaces after ':',
        // nested blocks aligned under their key, an empty array with a blank line inside
        String out = json("nested", "[ordered]@{ updated = '2026-06-01'; limits = [ordered]@{ build = 2; check = 1 }; "
                + "board = [ordered]@{ discovery = @(); build = @([ordered]@{ id = 'PROJ-002'; value = 0 }) } } "
                + "| ConvertTo-Json -Depth 5");
        assertThat(out).isEqualTo(crlf(
                "{",
                "    \"updated\":  \"2026-06-01\",",
                "    \"limits\":  {",
                "                   \"build\":  2,",
                "                   \"check\":  1",
                "               },",
                "    \"board\":  {",
                "                  \"discovery\":  [",
                "",
                "                                ],",
                "                  \"build\":  [",
                "                                {",
                "                                    \"id\":  \"PROJ-002\",",
                "                                    \"value\":  0",
                "                                }",
                "                            ]",
                "              }",
                "}"));
    }

    @Test
    void compressWritesJavaScriptSerializerText() {
        String out = json("compress", "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n[ordered]@{ s = 'a\"b\\c'; html = '<a href=''x''>&</a>'; n = 1.5; big = 12345678901; "
                + "t = $true; z = $null; u = 'Zürich' } | ConvertTo-Json -Compress");
        assertThat(out).isEqualTo("{\"s\":\"a\\\"b\\\\c\",\"html\":\"\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u003c/a\\u003e\","
                + "\"n\":1.5,\"big\":12345678901,\"t\":true,\"z\":null,\"u\":\"Zürich\"}");
    }

    @Test
    void datesAreMicrosoftDateStringsAndGetDateCarriesItsDisplayHint() {
        String out = json("dates", "[ordered]@{ plain = (Get-Date).AddHours(1); raw = Get-Date } | ConvertTo-Json -Compress");
        long ms = PsRun.NOW.toEpochMilli();
        assertThat(out).isEqualTo("{\"plain\":\"\\/Date(" + (ms + 3_600_000) + ")\\/\",\"raw\":{\"value\":\"\\/Date(" + ms
                + ")\\/\",\"DisplayHint\":2,\"DateTime\":\"Thursday, November 26, 2026 4:15:30 AM\"}}");
    }

    @Test
    void aSinglePipelineElementIsUnwrappedSeveralMakeAnArray() {
        assertThat(json("single", "@(,@{ a = 1 }) | ConvertTo-Json -Compress")).isEqualTo("{\"a\":1}");
        assertThat(json("single2", "@(1) | ConvertTo-Json")).isEqualTo("1");
        assertThat(json("several", "1, 2 | ConvertTo-Json")).isEqualTo(crlf("[", "    1,", "    2", "]"));
        assertThat(json("inputobject", "ConvertTo-Json -InputObject @(1) -Compress")).isEqualTo("[1]");
        assertThat(json("string", "'x' | ConvertTo-Json")).isEqualTo("\"x\"");
    }

    @Test
    void depthDefaultsToTwoAndDeeperObjectsBecomeStrings() {
        String out = json("depth", "[ordered]@{ l1 = [ordered]@{ l2 = [ordered]@{ l3 = @{ x = 1 }; arr = @(1, 2); "
                + "obj = [pscustomobject]@{ a = 1 } } } } | ConvertTo-Json -Compress");
        assertThat(out).isEqualTo("{\"l1\":{\"l2\":{\"l3\":\"System.Collections.Hashtable\",\"arr\":\"1 2\","
                + "\"obj\":\"@{a=1}\"}}}");
    }

    @Test
    void exchangeObjectsSerialiseEnumsAsNumbersAndDatesAsStrings() {
        String out = json("exchange", "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n"
                + "Get-ExchangeCertificate | Select-Object -First 1 -Property 'Thumbprint', 'Services', 'Status', 'NotAfter' "
                + "| ConvertTo-Json");
        assertThat(out).isEqualTo(crlf(
                "{",
                "    \"Thumbprint\":  \"AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000\",",
                "    \"Services\":  16,",
                "    \"Status\":  1,",
                "    \"NotAfter\":  \"\\/Date(" + java.time.Instant.parse("2026-12-15T00:00:00Z").toEpochMilli() + ")\\/\"",
                "}"));
    }

    @Test
    void arraysOfObjectsIndentInsideTheList() {
        String out = json("list", "@([ordered]@{ a = 1 }, [ordered]@{ a = @('x') }) | ConvertTo-Json");
        assertThat(out).isEqualTo(crlf(
                "[",
                "    {",
                "        \"a\":  1",
                "    },",
                "    {",
                "        \"a\":  [",
                "                  \"x\"",
                "              ]",
                "    }",
                "]"));
    }

    @Test
    void depthOutOfRangeFailsLikeTheParameterValidation() {
        String script = "@{} | ConvertTo-Json -Depth 101";
        SCRIPTS.put("json-depth-range", script);
        PsRun.Result r = PsRun.run(script);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Cannot validate argument on parameter 'Depth'.");
    }

    @AfterAll
    static void everyScriptIsValidPowerShell() {
        PsSyntaxCheck.assertValid(SCRIPTS);
    }
}
