package io.authcert.lab.testing;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks the scripts a lab test sends with the independent PowerShell parser, before they are sent. */
public final class PsSyntax {

    private PsSyntax() {
    }

    public static void assertValid(String... scripts) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < scripts.length; i++) {
            named.put("script" + i, scripts[i]);
        }
        PsSyntaxCheck.assertValid(named);
    }
}
