package io.authcert.run;

import io.authcert.powershell.PsCommand;
import io.authcert.powershell.PsScript;
import io.authcert.powershell.PsValue;

/**
 * The nudge for a server slow to receive the Auth certificate: restarting the Microsoft Exchange
 * Service Host makes its certificate deployment run now instead of at its next hourly pass.
 */
final class ServiceHostNudge {

    static final String SERVICE = "MSExchangeServiceHost";

    private ServiceHostNudge() {
    }

    static String script() {
        return PsScript.create()
                .command(PsCommand.of("Restart-Service").param("Name", PsValue.name(SERVICE)))
                .render();
    }
}
