package io.authcert.facts;

import io.authcert.testing.PsSyntaxCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatherScriptSyntaxTest {

    @Test
    void theGatheringScriptIsValidPowerShell() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/authcert/facts/gather.ps1")) {
            PsSyntaxCheck.assertValid("gather", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
