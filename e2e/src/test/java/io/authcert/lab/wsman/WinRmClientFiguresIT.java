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
 * The figures behind the choice of WinRM client and of its default connection (docs/winrm.md): commands per
 * second and HTTP requests and TCP connections per command, Overthere 5.3.2 (the engine's former client, Basic
 * only) against the engine's own over Basic (the lab opted in to Basic over HTTP) and over NTLM with every body
 * encrypted (a lab server at WinRM's defaults), same run, written to {@code target/winrm-client-figures.txt}:
 * {@code mvn -B -o verify -pl e2e -am -Dit.test=WinRmClientFiguresIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dauthcert.benchmark=true}.
 * Times are reported, never asserted.
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

    /** What one client did for {@link #COMMANDS} commands through a counting relay. */
    private record Figures(double seconds, int requests, int connections) {
        double perSecond() {
            return COMMANDS / seconds;
        }

        double requestsPerCommand() {
            return requests / (double) COMMANDS;
        }

        double connectionsPerCommand() {
            return connections / (double) COMMANDS;
        }
    }

    interface Command {
        String run() throws Exception;
    }

    @Test
    @EnabledIfSystemProperty(named = "authcert.benchmark", matches = "true")
    void overthereAndTheOwnClientOverBasicAndOverNtlmWithEncryption() throws Exception {
        try (Lab basicLab = Lab.start(List.of(new EchoHost("ex01")), Lab.Options.http("u", "p").withBasicOverHttp());
             Lab defaultsLab = Lab.start(List.of(new EchoHost("ex01")), Lab.Options.http("u", "p"));
             CountingProxy basic = new CountingProxy(basicLab.endpoint("ex01").port());
             CountingProxy ntlm = new CountingProxy(defaultsLab.endpoint("ex01").port());
             WinRmTransport basicTransport = new WinRmTransport();
             WinRmTransport ntlmTransport = new WinRmTransport()) {
            Target basicTarget = basicOverHttp(basic.port());
            Target ntlmTarget = ntlmWithEncryption(ntlm.port());
            // Warm all three up (class loading, JIT) before counting.
            try (WinRmTransport warmBasic = new WinRmTransport(); WinRmTransport warmNtlm = new WinRmTransport()) {
                for (int i = 0; i < 20; i++) {
                    overthere(basic.port());
                    warmBasic.run(basicTarget, SCRIPT, Duration.ofSeconds(30));
                    warmNtlm.run(ntlmTarget, SCRIPT, Duration.ofSeconds(30));
                }
            }
            Figures old = measure(basic, () -> overthere(basic.port()));
            Figures own = measure(basic, () -> basicTransport.run(basicTarget, SCRIPT, Duration.ofSeconds(30)).stdout());
            Figures sealed = measure(ntlm, () -> ntlmTransport.run(ntlmTarget, SCRIPT, Duration.ofSeconds(30)).stdout());

            String figures = String.format(Locale.ROOT, """
                    %d sequential commands (Write-Output 'x') on one lab server over HTTP, one run:
                      Overthere 5.3.2, Basic (OverthereProcess, cifs/WINRM_INTERNAL): %.1f commands/s, %.2f HTTP requests/command, %.2f TCP connections/command
                      authcert client, Basic (opt-in; WinRmTransport, one shell):       %.1f commands/s, %.2f HTTP requests/command, %.3f TCP connections/command
                      authcert client, NTLM, every body encrypted (WinRM's defaults):   %.1f commands/s, %.2f HTTP requests/command, %.3f TCP connections/command
                      ratio own Basic / Overthere: %.1fx commands/s, %.2fx requests/command
                      ratio own NTLM+encryption / own Basic: %.2fx time per command, %.3fx requests/command (%+d requests in all)
                    """, COMMANDS,
                    old.perSecond(), old.requestsPerCommand(), old.connectionsPerCommand(),
                    own.perSecond(), own.requestsPerCommand(), own.connectionsPerCommand(),
                    sealed.perSecond(), sealed.requestsPerCommand(), sealed.connectionsPerCommand(),
                    old.seconds() / own.seconds(), own.requests() / (double) old.requests(),
                    sealed.seconds() / own.seconds(), sealed.requests() / (double) own.requests(),
                    sealed.requests() - own.requests());
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "winrm-client-figures.txt"), figures);
            System.out.println(figures);
            assertThat(own.requests()).isLessThan(old.requests());
            assertThat(own.connections()).isEqualTo(1);
            // NTLM authenticates once per connection: one handshake (NEGOTIATE, AUTHENTICATE) for the whole run
            assertThat(sealed.connections()).isEqualTo(1);
            assertThat(sealed.requests()).isEqualTo(own.requests() + 2);
        }
    }

    private static Figures measure(CountingProxy proxy, Command command) throws Exception {
        proxy.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < COMMANDS; i++) {
            assertThat(command.run()).isEqualTo("x\r\n");
        }
        return new Figures((System.nanoTime() - t0) / 1e9, proxy.requests.get(), proxy.connections.get());
    }

    /** A local account over Basic on plain HTTP: the lab opted in, and so does the host. */
    private static Target basicOverHttp(int port) {
        return new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1", "ansible_port", port,
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                TargetResolver.ALLOW_BASIC_OVER_HTTP, true));
    }

    /** The same account over NTLM at WinRM's defaults: message encryption auto, so every body sealed. */
    private static Target ntlmWithEncryption(int port) {
        return new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1", "ansible_port", port,
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                "ansible_winrm_transport", "ntlm"));
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
