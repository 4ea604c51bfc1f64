package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereProcess;
import com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.util.DefaultAddressPortMapper;
import io.authcert.lab.Lab;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures behind the choice of WinRM client (docs/winrm.md): commands per second and HTTP
 * requests and TCP connections per command, Overthere 5.3.2 (the engine's former client) against the
 * engine's own, same lab, same run, written to {@code target/winrm-client-figures.txt}:
 * {@code mvn -B -o verify -pl e2e -am -Dit.test=WinRmClientFiguresIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dauthcert.benchmark=true}.
 */
class WinRmClientFiguresIT {

    private static final int COMMANDS = 200;

    static {
        // The JDK's HTTP server leaves Nagle on by default: its headers and body then wait for the client's
        // delayed ACK (about 40 ms per answer), which would measure the lab rather than the clients.
        if (System.getProperty("authcert.benchmark.nagle") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final String SCRIPT = "Write-Output 'x'\n";

    @Test
    @EnabledIfSystemProperty(named = "authcert.benchmark", matches = "true")
    void ownClientAgainstOverthereOnTheSameLab() throws Exception {
        try (Lab lab = Lab.start(List.of(new EchoHost("ex01")), Lab.Options.http("u", "p"));
             CountingProxy proxy = new CountingProxy(lab.endpoint("ex01").port())) {
            // Warm both up (class loading, JIT) before counting.
            for (int i = 0; i < 20; i++) {
                overthere(proxy.port());
            }
            try (WinRmTransport warm = new WinRmTransport()) {
                for (int i = 0; i < 20; i++) {
                    warm.run(target(proxy.port()), SCRIPT, Duration.ofSeconds(30));
                }
            }
            proxy.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                assertThat(overthere(proxy.port())).isEqualTo("x\r\n");
            }
            double oldSeconds = (System.nanoTime() - t0) / 1e9;
            int oldRequests = proxy.requests.get();
            int oldConnections = proxy.connections.get();

            proxy.reset();
            long t1 = System.nanoTime();
            try (WinRmTransport transport = new WinRmTransport()) {
                for (int i = 0; i < COMMANDS; i++) {
                    assertThat(transport.run(target(proxy.port()), SCRIPT, Duration.ofSeconds(30)).stdout()).isEqualTo("x\r\n");
                }
            }
            double newSeconds = (System.nanoTime() - t1) / 1e9;
            int newRequests = proxy.requests.get();
            int newConnections = proxy.connections.get();

            String figures = String.format(Locale.ROOT, """
                    %d sequential commands (Write-Output 'x') on one lab server over HTTP/Basic, one run:
                      Overthere 5.3.2 (OverthereProcess, cifs/WINRM_INTERNAL): %.1f commands/s, %.2f HTTP requests/command, %.2f TCP connections/command
                      authcert client (WinRmTransport, one shell per host):      %.1f commands/s, %.2f HTTP requests/command, %.3f TCP connections/command
                      ratio new/old: %.1fx commands/s, %.2fx requests/command
                    """, COMMANDS, COMMANDS / oldSeconds, oldRequests / (double) COMMANDS, oldConnections / (double) COMMANDS,
                    COMMANDS / newSeconds, newRequests / (double) COMMANDS, newConnections / (double) COMMANDS,
                    oldSeconds / newSeconds, newRequests / (double) oldRequests);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "winrm-client-figures.txt"), figures);
            System.out.println(figures);
            assertThat(newRequests).isLessThan(oldRequests);
            assertThat(newConnections).isEqualTo(1);
        }
    }

    private static Target target(int port) {
        return new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1", "ansible_port", port,
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p")));
    }

    /** One command as Overthere runs it: a shell, the command, Receives, the shell deleted. */
    private static String overthere(int port) throws Exception {
        ConnectionOptions o = new ConnectionOptions();
        o.set(ConnectionOptions.OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(BaseCifsConnectionBuilder.CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ConnectionOptions.ADDRESS, "127.0.0.1");
        o.set(ConnectionOptions.PORT, port);
        o.set(ConnectionOptions.USERNAME, "u");
        o.set(ConnectionOptions.PASSWORD, "p");
        o.set(BaseCifsConnectionBuilder.WINRM_TIMEMOUT, "PT20.000S");
        String encoded = Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_16LE));
        OverthereConnection c = new CifsConnectionBuilder("cifs", o, DefaultAddressPortMapper.INSTANCE).connect();
        try {
            OverthereProcess p = c.startProcess(CmdLine.build("powershell.exe", "-NoProfile", "-NonInteractive",
                    "-EncodedCommand", encoded));
            p.getStdin().close();
            byte[] out = p.getStdout().readAllBytes();
            p.getStderr().readAllBytes();
            p.waitFor();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            c.close();
        }
    }
}
