package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatherScriptTest {

    @Test
    void theGathererSendsTheShippedScriptUnchanged() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/authcert/facts/gather.ps1")) {
            String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(FactsGatherer.script()).isEqualTo(shipped.endsWith("\n") ? shipped : shipped + "\n");
        }
    }

    @Test
    void itReadsOnlyAndTakesNoInput() {
        assertThat(FactsGatherer.script())
                .doesNotContainIgnoringCase("Set-AuthConfig")
                .doesNotContainIgnoringCase("New-ExchangeCertificate")
                .doesNotContainIgnoringCase("Restart-")
                .doesNotContainIgnoringCase("Remove-")
                .contains("ConvertTo-Json");
    }
}
