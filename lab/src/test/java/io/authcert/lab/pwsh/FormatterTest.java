package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Out-Default: how objects that reach the end of the script become text. */
class FormatterTest {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    private static String out(String name, String script) {
        SCRIPTS.put("fmt-" + name, script);
        PsRun.Result r = PsRun.run(PsRun.host(StubExchange.registry()), script);
        assertThat(r.stderr()).isEmpty();
        return r.stdout();
    }

    @Test
    void aHashtableIsANameValueTable() {
        assertThat(out("hashtable", "[ordered]@{ a = 1; long_name = 'x' }")).isEqualTo(String.join("\r\n",
                "",
                "Name                           Value",
                "----                           -----",
                "a                              1",
                "long_name                      x",
                "", "", ""));
    }

    @Test
    void fewPropertiesMakeATableManyMakeAList() {
        assertThat(out("table", "[pscustomobject]@{ Name = 'EX01'; Site = 'HQ' }; [pscustomobject]@{ Name = 'EX02'; "
                + "Site = 'Branch' }")).isEqualTo(String.join("\r\n",
                "",
                "Name Site",
                "---- ----",
                "EX01 HQ",
                "EX02 Branch",
                "", "", ""));
        assertThat(out("list", "[pscustomobject]@{ A = 1; B = 2; C = 3; D = 4; Longer = @(1, 2) }"))
                .isEqualTo(String.join("\r\n",
                        "",
                        "",
                        "A      : 1",
                        "B      : 2",
                        "C      : 3",
                        "D      : 4",
                        "Longer : {1, 2}",
                        "", "", ""));
    }

    @Test
    void aDefaultDisplaySetChoosesTheColumns() {
        assertThat(out("display", "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\nGet-ExchangeCertificate"))
                .isEqualTo(String.join("\r\n",
                        "",
                        "Thumbprint                               Services  Subject",
                        "----------                               --------  -------",
                        "AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000 SMTP      CN=Microsoft Exchange Server Auth Certificate",
                        "BBBB1111BBBB1111BBBB1111BBBB1111BBBB1111 IIS, SMTP CN=Microsoft Exchange Server Auth Certificate",
                        "", "", ""));
    }

    @Test
    void aDateShowsInTheLongForm() {
        assertThat(out("date", "Get-Date")).isEqualTo("\r\nThursday, November 26, 2026 4:15:30 AM\r\n\r\n\r\n");
    }

    @AfterAll
    static void everyScriptIsValidPowerShell() {
        PsSyntaxCheck.assertValid(SCRIPTS);
    }
}
