package io.authcert.lab.exchange;

import io.authcert.lab.Caller;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.SimulatedHost;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.pwsh.PowerShellHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated Exchange server as the WinRM layer sees it: runs command lines in the PowerShell
 * interpreter with the Exchange cmdlets, acts out the server's faults (latency, 500 faults on a cmdlet,
 * lost responses), records every command in the audit log, and answers the OWA/ECP health pages and OWA's
 * forms-based sign-in.
 */
public final class ExchangeHost implements SimulatedHost {

    private final Organisation org;
    private final ExchangeServer server;
    private final PowerShellHost powershell;
    private final AuditLog audit;
    private volatile Duration commandLatency = Duration.ZERO;

    /** The audit's delivery for a command that reached the server but never ran (see {@link FaultMoment}). */
    public static final String NOT_RUN = "NOT_RUN";

    public ExchangeHost(Organisation org, ExchangeServer server, CmdletRegistry registry, AuditLog audit) {
        this.org = org;
        this.server = server;
        this.audit = audit;
        String computerName = server.name().toUpperCase(Locale.ROOT);
        this.powershell = new PowerShellHost(registry, Map.of(
                "COMPUTERNAME", computerName,
                "USERDNSDOMAIN", org.domain().toUpperCase(Locale.ROOT),
                "USERDOMAIN", org.name().toUpperCase(Locale.ROOT),
                "USERNAME", "Administrator",
                "ExchangeInstallPath", "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\",
                "SystemRoot", "C:\\Windows",
                "windir", "C:\\Windows"), org.clock().withZone(server.zone()));
    }

    @Override
    public String name() {
        return server.name();
    }

    /**
     * How long every command takes before it runs, whatever the faults: the lab's {@code --latency}, a network
     * and a server far away. Kept apart from {@link HostFaults#latency}, which a fault file switches off.
     */
    public ExchangeHost commandLatency(Duration perCommand) {
        commandLatency = perCommand == null ? Duration.ZERO : perCommand;
        return this;
    }

    public Duration commandLatency() {
        return commandLatency;
    }

    public ExchangeServer server() {
        return server;
    }

    @Override
    public CommandOutcome execute(String command, List<String> arguments, InputStream stdin) {
        return execute(null, command, arguments, stdin);
    }

    @Override
    public CommandOutcome execute(Caller caller, String command, List<String> arguments, InputStream stdin) {
        CommandLineScript.Parsed parsed = CommandLineScript.parse(command, arguments);
        InputStream input = stdin;
        String script = parsed.text();
        if (parsed.source() == CommandLineScript.Source.STDIN || readsScriptFromStdin(script)) {
            // Either powershell -Command - or a small encoded bootstrap that runs the script on stdin:
            // the script that really runs is the one on stdin, so that is what faults and the audit see.
            byte[] bytes = readAll(stdin);
            script = new String(bytes, StandardCharsets.UTF_8);
            input = new ByteArrayInputStream(bytes);
        }
        String scriptText = script == null ? "" : script;
        FaultMoments.Effect before = org.faultMoments().reach(FaultMoment.When.BEFORE, org, server, scriptText);
        sleep(commandLatency.plus(server.faults().latency()));
        holdFor(before.hold());
        sleep(before.delay());
        HostFaults faults = server.faults();
        if (faults.unreachable() || faults.rejectCredentials() || !before.hold().isZero()) {
            // the server went away, refused the logon or was held at its moment: the command never ran
            audit.record(org.clock().instant(), server.name(), scriptText, -1, NOT_RUN);
            return new CommandOutcome(new byte[0], new byte[0], -1, CommandOutcome.Disposition.LOSE_RESPONSE);
        }
        for (String cmdlet : faults.fault500Cmdlets()) {
            if (cmdlet.equals(HostFaults.EVERY_COMMAND) || mentions(scriptText, cmdlet)) {
                audit.record(org.clock().instant(), server.name(), scriptText, -1, CommandOutcome.Disposition.FAULT_500.name());
                return new CommandOutcome(new byte[0], new byte[0], -1, CommandOutcome.Disposition.FAULT_500);
            }
        }
        CommandOutcome outcome = powershell.run(caller, command, arguments, input);
        FaultMoments.Effect after = org.faultMoments().reach(FaultMoment.When.AFTER, org, server, scriptText);
        holdFor(after.hold());
        sleep(after.delay());
        boolean lost = before.loseResponse() || after.loseResponse() || !after.hold().isZero()
                || faults.takeLostResponse() || faults.loseResponseCmdlets().stream()
                .anyMatch(cmdlet -> mentions(scriptText, cmdlet) && faults.takeLostResponseOn(cmdlet));
        CommandOutcome.Disposition delivery = lost ? CommandOutcome.Disposition.LOSE_RESPONSE : outcome.disposition();
        audit.record(org.clock().instant(), server.name(), scriptText, outcome.exitCode(), delivery.name());
        return lost ? new CommandOutcome(outcome.stdout(), outcome.stderr(), outcome.exitCode(), delivery) : outcome;
    }

    /** Whether the script uses {@code cmdlet} as a word (not as part of a longer name). */
    private static boolean mentions(String script, String cmdlet) {
        return FaultMoment.mentions(script, cmdlet);
    }

    private static boolean readsScriptFromStdin(String encodedScript) {
        return encodedScript != null && encodedScript.contains("[Console]::OpenStandardInput()")
                && encodedScript.contains("[scriptblock]::Create(");
    }

    /** Runs a script directly (no WinRM), e.g. from tests or the command line; audited like any other. */
    public CommandOutcome runScript(String script) {
        return runScript(null, script);
    }

    /** Runs a script directly as {@code caller} (null: the console's administrator); audited like any other. */
    public CommandOutcome runScript(Caller caller, String script) {
        CommandOutcome outcome = powershell.runScript(caller, script);
        audit.record(org.clock().instant(), server.name(), script, outcome.exitCode(), outcome.disposition().name());
        return outcome;
    }

    @Override
    public HttpAnswer health(String path) {
        if (server.isEdge()) {
            return null;
        }
        return org.health(server, path);
    }

    @Override
    public HttpAnswer signIn(String path, java.util.Map<String, String> form, boolean credentialsAccepted) {
        if (server.isEdge()) {
            return null;
        }
        return org.signIn(server, path, form, credentialsAccepted);
    }

    @Override
    public HostFaults faults() {
        return server.faults();
    }

    private void holdFor(Duration d) {
        if (!d.isZero()) {
            org.faultMoments().hold(d);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
