package io.authcert.cli;

import io.authcert.facts.OwaHealth;
import io.authcert.lab.EmbeddedLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code engine apply --lab}: starts the embedded lab with the seed's outage ({@code expired}, three
 * servers, a fast simulated clock), applies the standard playbook without prompting, and shows OWA
 * health before and after. The engine runs on the lab's clock, so waits and timeouts pass in seconds.
 */
final class LabApply {

    /**
     * Simulated seconds per real second: the 15-minute AD replication takes 7.5 s. The lab's inventory
     * says its clock is simulated, so its servers are gathered at their own time and never skewed.
     */
    static final double SPEED = 120;
    static final String SCENARIO = "expired";
    static final int SERVERS = 3;
    static final Path STANDARD_PLAYBOOK = Path.of("playbooks/auth-certificate.yml");

    private final Terminal terminal;
    private final ApplyCommand command;

    LabApply(Terminal terminal, ApplyCommand command) {
        this.terminal = terminal;
        this.command = command;
    }

    int run(Path playbook) throws Exception {
        Path book = playbook != null ? playbook : STANDARD_PLAYBOOK;
        if (!Files.isRegularFile(book)) {
            terminal.err().println(terminal.red("error: ") + "no playbook at " + book);
            terminal.err().println("  hint: run from the project folder, or give the playbook: engine apply --lab PLAYBOOK");
            return ExitCode.ERROR;
        }
        terminal.out().println("Starting the lab: scenario '" + SCENARIO + "' on " + SERVERS + " servers (simulated clock x"
                + (int) SPEED + ": times and durations below are the lab's, an hour of waiting passes in 30 seconds) ...");
        terminal.out().flush();
        try (EmbeddedLab lab = EmbeddedLab.start(SCENARIO, SERVERS, EmbeddedLab.Options.defaults().withSpeed(SPEED))) {
            new ApplyPrinter(terminal, java.util.List.of(lab.inventoryFile()), null).health("OWA sign-in before", signIn(lab));
            // verification prints OWA health and sign-in after, probed over HTTP like a real server's
            return command.applyToLab(lab.inventoryFile(), lab.clock(), book);
        }
    }

    /** What OWA's forms sign-in would answer each server now (the health pages say 200 in the outage too). */
    private static Map<String, OwaHealth> signIn(EmbeddedLab lab) {
        Map<String, OwaHealth> out = new LinkedHashMap<>();
        for (String host : lab.hosts()) {
            EmbeddedLab.Health h = lab.healthOf(host);
            String url = lab.owaSignInUrl(host);
            out.put(host, h.signIn() == 302 ? new OwaHealth(url, OwaHealth.Status.HEALTHY, "signed in")
                    : new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP " + h.signIn()));
        }
        return out;
    }
}
