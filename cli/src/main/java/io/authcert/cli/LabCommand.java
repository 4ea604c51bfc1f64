package io.authcert.cli;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.FaultControlFile;
import io.authcert.lab.Lab;
import io.authcert.lab.exchange.Scenario;
import io.authcert.lab.wsman.KerberosSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine lab}: the simulated Exchange organisation, served over real WinRM on 127.0.0.1. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "A simulated Exchange organisation to rehearse on, served over real WinRM on 127.0.0.1.",
        subcommands = {LabCommand.Up.class},
        footer = {"", "Examples:",
            "  engine lab up --scenario expiring --inventory-out lab.yml     # then, in another terminal:",
            "  engine plan -i lab.yml playbooks/auth-certificate.yml",
            "  engine apply --lab                                            # a lab in-process, applied and verified"})
public final class LabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code engine lab up}: serves ex01..exNN until interrupted. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Serves simulated Exchange servers ex01..exNN (server i on port-base+i-1), writes an inventory "
                    + "for them, prints 'lab ready' once they accept connections, and runs until interrupted (Ctrl-C).",
                    "Scenarios: healthy, expiring, expired, missing-on-some, staged, multi-site, hybrid, with-edge, "
                    + "or the path of a scenario YAML file."},
            footer = {"", "Examples:",
                "  engine lab up --inventory-out lab.yml                          # the seed's outage on 3 servers",
                "  engine lab up --scenario multi-site --servers 6 --inventory-out lab.yml",
                "  engine lab up --scenario expiring --speed 3600 --inventory-out lab.yml   # an hour per second",
                "  engine lab up --faults faults.yml --audit-log audit.jsonl       # faults switched while it runs",
                "  engine lab up --servers 100 --latency 300ms --replication-delay 5s --request-log requests.jsonl",
                "", "Then: engine apply -i lab.yml playbooks/auth-certificate.yml (Ctrl-C stops the lab)."})
    static final class Up implements Callable<Integer> {

        @Option(names = "--servers", paramLabel = "N", description = "Number of servers (default: the scenario's, usually 3).")
        Integer servers;

        @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "expired",
                description = "Scenario name or YAML file (default: ${DEFAULT-VALUE}, the seed's outage).")
        String scenario;

        @Option(names = "--port-base", paramLabel = "P", defaultValue = "0",
                description = "Server i listens on P+i-1 (default: free ports, written to the inventory).")
        int portBase;

        @Option(names = "--user", paramLabel = "U", defaultValue = EmbeddedLab.Options.DEFAULT_USER,
                description = "The account the inventory logs on with over NTLM: DOMAIN\\user or user@domain of the"
                        + " scenario's domain, or a local account (default: ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--password", paramLabel = "W", defaultValue = EmbeddedLab.Options.DEFAULT_PASSWORD,
                description = "Its password (default: the scenarios' lab password, written to the inventory).")
        String password;

        @Option(names = "--inventory-out", paramLabel = "FILE", defaultValue = "lab-inventory.yml",
                description = "Where to write the Ansible YAML inventory (default: ${DEFAULT-VALUE}).")
        Path inventoryOut;

        @Option(names = "--audit-log", paramLabel = "FILE",
                description = "Append every command the servers run to FILE as JSON lines.")
        Path auditLog;

        @Option(names = "--request-log", paramLabel = "FILE",
                description = "Append every HTTP request the servers answer to FILE as JSON lines (time, host, peer,"
                        + " method, path, authorization scheme or none, status): requests, 401s and connections per host.")
        Path requestLog;

        @Option(names = "--latency", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Every command on every server is answered after DURATION (e.g. 300ms, 1s), on top of any"
                        + " latency fault: servers far away, for benchmarks (default: none).")
        Duration latency;

        @Option(names = "--replication-delay", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Every AD site replicates after DURATION (e.g. 5s), overriding the scenario's"
                        + " (default: the scenario's, usually 15m).")
        Duration replicationDelay;

        @Option(names = "--faults", paramLabel = "FILE",
                description = "Faults to act out, from FILE, watched while the lab runs: rewrite it to switch faults on"
                        + " and off at once or at a moment of a run, empty or remove it to lift them (docs/lab.md).")
        Path faults;

        @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
                description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}; 3600 makes an hour pass each second).")
        double speed;

        @Option(names = "--now", paramLabel = "ISO",
                description = "Simulated start time, e.g. 2026-11-26T04:00:00Z or 2026-11-26 (default: the real time).")
        String now;

        @Option(names = "--https", description = "Serve HTTPS with a generated lab CA (written beside the inventory).")
        boolean https;

        @Option(names = "--keytab", paramLabel = "FILE",
                description = "Accept Kerberos: FILE holds HTTP/<server>.<domain>@REALM for every server (e.g. HTTP/ex01.contoso.local@CONTOSO.LOCAL).")
        Path keytab;

        @Option(names = "--kerberos",
                description = "Accept Kerberos with the keytab KRB5_KTNAME names, as MIT's servers read it (or give --keytab).")
        boolean kerberos;

        @Option(names = "--krb5-conf", paramLabel = "FILE",
                description = "The realm's krb5.conf for Java's Kerberos (default: KRB5_CONFIG, else the JVM's).")
        Path krb5Conf;

        @Option(names = "--realm", paramLabel = "REALM",
                description = "Kerberos realm of the servers (default: the scenario's DNS domain in capitals, e.g. CONTOSO.LOCAL).")
        String realm;

        @Spec
        CommandSpec spec;

        private final Terminal terminal;

        @Inject
        Up(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Scenario loaded;
            try {
                loaded = Scenario.load(scenario);
            } catch (Scenario.ScenarioException e) {
                throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
            }
            int count = servers == null ? loaded.defaultServers() : servers;
            if (count < 1 || count > 1000) {
                throw new ParameterException(spec.commandLine(), "--servers must be between 1 and 1000, got " + count);
            }
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new ParameterException(spec.commandLine(), "--speed must be a number >= 0, got " + speed);
            }
            if (portBase < 0 || portBase + count - 1 > 65535) {
                throw new ParameterException(spec.commandLine(), "--port-base " + portBase + " leaves no room for "
                        + count + " server(s) below port 65536");
            }
            try {
                // the lab would refuse an account of another domain at start; say so as a usage error
                loaded.accounts().withAccount(user, password);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--user: " + e.getMessage());
            }
            if (latency != null && latency.isNegative()) {
                throw new ParameterException(spec.commandLine(), "--latency must not be negative, got " + latency);
            }
            if (replicationDelay != null && replicationDelay.isNegative()) {
                throw new ParameterException(spec.commandLine(), "--replication-delay must not be negative, got "
                        + replicationDelay);
            }
            EmbeddedLab.Options options = new EmbeddedLab.Options(user, password, portBase, https, speed, parseNow(),
                    auditLog, inventoryOut).withLatency(latency).withReplicationDelay(replicationDelay)
                    .withRequestLog(requestLog);
            KerberosSettings kerberosSettings = kerberosSettings(System.getenv());
            if (kerberosSettings != null) {
                options = options.withKerberos(kerberosSettings);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            try (EmbeddedLab lab = EmbeddedLab.start(scenario, count, options)) {
                Thread hook = new Thread(() -> {
                    lab.close();
                    stopped.countDown();
                }, "lab-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                for (Lab.Endpoint e : lab.endpointsInOrder()) {
                    terminal.err().println(e.host() + "  " + e.url());
                }
                terminal.err().println("scenario " + loaded.name() + ": " + loaded.description());
                if (kerberosSettings != null) {
                    String domain = loaded.accounts().dnsDomain();
                    terminal.err().println("kerberos: realm " + kerberosSettings.realmFor(domain) + ", keytab "
                            + kerberosSettings.keytab().toAbsolutePath() + ", tickets for "
                            + kerberosSettings.servicePrincipal("<server>", domain));
                }
                terminal.err().println("inventory " + lab.inventoryFile().toAbsolutePath()
                        + (auditLog == null ? "" : ", audit log " + auditLog.toAbsolutePath())
                        + (requestLog == null ? "" : ", request log " + requestLog.toAbsolutePath()));
                if (latency != null || replicationDelay != null) {
                    terminal.err().println("latency " + (latency == null ? "none" : latency.toMillis() + "ms")
                            + " per command, replication "
                            + (replicationDelay == null ? "as the scenario says" : replicationDelay.toMillis() + "ms"));
                }
                FaultControlFile control = faults == null ? null : FaultControlFile.watch(faults, lab, line -> {
                    terminal.err().println(line);
                    terminal.err().flush();
                });
                terminal.err().flush();
                terminal.out().println("lab ready");
                terminal.out().flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (control != null) {
                        control.close();
                    }
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it closes the lab
                    }
                }
            }
            return ExitCode.OK;
        }

        /** From --keytab (or --kerberos and KRB5_KTNAME), --krb5-conf (or KRB5_CONFIG) and --realm; null: no Kerberos. */
        private KerberosSettings kerberosSettings(Map<String, String> env) {
            if (keytab == null && !kerberos) {
                if (krb5Conf != null || realm != null) {
                    throw new ParameterException(spec.commandLine(), "--krb5-conf and --realm configure Kerberos;"
                            + " also give --keytab FILE (the servers' HTTP/ keys), or --kerberos with KRB5_KTNAME set");
                }
                return null;
            }
            KerberosSettings fromEnv = KerberosSettings.fromEnvironment(env, realm);
            Path file = keytab != null ? keytab : fromEnv == null ? null : fromEnv.keytab();
            if (file == null) {
                throw new ParameterException(spec.commandLine(), "--kerberos needs a keytab: give --keytab FILE, or set"
                        + " KRB5_KTNAME to the keytab with the servers' HTTP/ keys");
            }
            return new KerberosSettings(file, realm, krb5Conf != null ? krb5Conf : KerberosSettings.krb5ConfFrom(env));
        }

        private Instant parseNow() {
            if (now == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(now).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(now).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new ParameterException(spec.commandLine(), "--now '" + now
                            + "' is not an ISO date-time; write e.g. 2026-11-26T04:00:00Z or 2026-11-26");
                }
            }
        }
    }
}
