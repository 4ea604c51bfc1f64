package io.authcert.transport.winrm.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The requests' fixed parts: durations as xs:duration, text escaped, the shell's code page. */
class EnvelopesTest {

    @Test
    void operationTimeoutsAreIsoDurationsOfAtLeastOneSecond() {
        assertThat(Envelopes.isoSeconds(Duration.ofMillis(1500))).isEqualTo("PT1.500S");
        assertThat(Envelopes.isoSeconds(Duration.ofMillis(10))).isEqualTo("PT1.000S");
    }

    @Test
    void aCommandLineIsEscapedAndTheShellAsksForUtf8() {
        Envelopes e = new Envelopes("http://h:5985/wsman", 153_600);
        assertThat(e.command("uuid:1", Duration.ofSeconds(20), "S1", "a & b <c> \"d\""))
                .contains("<rsp:Command>a &amp; b &lt;c&gt; &quot;d&quot;</rsp:Command>")
                .contains("<w:Selector Name=\"ShellId\">S1</w:Selector>", "<w:OperationTimeout>PT20.000S");
        assertThat(e.createShell("uuid:2", Duration.ofSeconds(20)))
                .contains("WINRS_CODEPAGE\">65001", "transfer/Create").doesNotContain("ShellId");
    }
}
