package io.authcert.run;

import io.authcert.powershell.PsCommand;
import io.authcert.powershell.PsScript;
import io.authcert.powershell.PsValue;

/**
 * The script of a nudge a wait step's plan names: restarting the service (the Microsoft Exchange
 * Service Host) makes its certificate deployment run now instead of at its next hourly pass.
 */
final class ServiceHostNudge {

    private ServiceHostNudge() {
    }

    static String script(String service) {
        return PsScript.create()
                .command(PsCommand.of("Restart-Service").param("Name", PsValue.name(service)))
                .render();
    }
}
