package io.authcert.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.cli.Main;
import io.authcert.cli.Terminal;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded lab as users and the engine meet it: inventory, health pages, faults, and {@code engine lab up}. */
class EmbeddedLabIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ansibleReadsTheInventoryAndTheHealthPagesShowTheOutage(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("inv.yml");
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withCredentials("lab'user", "pa ss: #word")
                .withInventoryFile(inventory).withSpeed(0);
        try (EmbeddedLab lab = EmbeddedLab.start("with-edge", 3, options)) {
            Process p = new ProcessBuilder("ansible-inventory", "-i", inventory.toString(), "--list")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode list = JSON.readTree(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            JsonNode ex01 = list.get("_meta").get("hostvars").get("ex01");
            assertThat(ex01.get("ansible_host").asText()).isEqualTo("127.0.0.1");
            assertThat(ex01.get("ansible_port").asInt()).isEqualTo(lab.port("ex01"));
            assertThat(ex01.get("ansible_user").asText()).isEqualTo("lab'user");
            assertThat(ex01.get("ansible_password").asText()).isEqualTo("pa ss: #word");
            assertThat(ex01.get("ansible_winrm_scheme").asText()).isEqualTo("http");
            assertThat(ex01.get("ansible_winrm_transport").asText()).isEqualTo("ntlm");
            assertThat(ex01.get("owa_health_url").asText()).isEqualTo(lab.owaHealthUrl("ex01"));
            assertThat(list.get("exchange").get("hosts")).extracting(JsonNode::asText).containsExactly("ex01", "ex02");
            assertThat(list.get("edge").get("hosts")).extracting(JsonNode::asText).containsExactly("ex03");

            HttpResponse<String> owa = get(lab.owaHealthUrl("ex01"));
            assertThat(owa.statusCode()).isEqualTo(200);
        }
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 1, EmbeddedLab.Options.defaults().withSpeed(0))) {
            HttpResponse<String> owa = get(lab.owaHealthUrl("ex01"));
            assertThat(owa.statusCode()).as("healthcheck.htm reflects component state, not the Auth certificate").isEqualTo(200);
            assertThat(lab.healthOf("ex01")).isEqualTo(new EmbeddedLab.Health(200, 200, 500));
        }
    }

    @Test
    @Requires(RequiredTool.PYWINRM)
    void overHttpsTheInventoryPointsAtTheLabCaAndClientsConnect(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("tls.yml");
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withHttps(true).withInventoryFile(inventory)
                .withSpeed(0);
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 1, options);
                io.authcert.lab.testing.PyWinRm winrm = io.authcert.lab.testing.PyWinRm.open()) {
            assertThat(lab.endpoint("ex01").url()).startsWith("https://");
            String text = Files.readString(inventory);
            assertThat(text).contains("ansible_winrm_scheme: 'https'").contains("ansible_winrm_ca_trust_path:");
            assertThat(Files.readString(dir.resolve("tls-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
            io.authcert.lab.testing.PyWinRm.Result r = winrm.run(lab, "ex01", "Get-Date -Format 'yyyy'\n");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
    }

    @Test
    void anUnreachableServerClosesItsPortUntilTheFaultIsSwitchedOff() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withSpeed(0))) {
            lab.faults("ex01").unreachable(true);
            assertThat(eventually(() -> refused(lab.owaHealthUrl("ex01")))).isTrue();
            lab.faults("ex01").unreachable(false);
            assertThat(eventually(() -> !refused(lab.owaHealthUrl("ex01")))).isTrue();
        }
    }

    @Test
    void engineLabUpServesWritesTheInventoryAndStopsWhenInterrupted(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("lab.yml");
        Path audit = dir.resolve("audit.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = Terminal.plain(new PrintWriter(out, true), new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread engine = new Thread(() -> exit.set(Main.run(new String[] {"lab", "up", "--servers", "2", "--scenario", "staged",
                "--inventory-out", inventory.toString(), "--audit-log", audit.toString(), "--speed", "0",
                "--now", "2026-11-26T04:00:00Z"}, terminal)));
        engine.start();
        assertThat(eventually(() -> out.toString().contains("lab ready"))).as("stderr: %s", err).isTrue();
        assertThat(out.toString().strip()).isEqualTo("lab ready");
        String text = Files.readString(inventory);
        assertThat(text).contains("ex01:").contains("ex02:").contains("owa_health_url:")
                .contains("ansible_user: 'CONTOSO\\administrator'").contains("ansible_winrm_transport: 'ntlm'");
        assertThat(err.toString()).contains("scenario staged");
        engine.interrupt();
        engine.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(exit.get()).isZero();

        StringWriter badOut = new StringWriter();
        StringWriter badErr = new StringWriter();
        int bad = Main.run(new String[] {"lab", "up", "--scenario", "nope"},
                Terminal.plain(new PrintWriter(badOut, true), new PrintWriter(badErr, true)));
        assertThat(bad).isEqualTo(1);
        assertThat(badErr.toString()).contains("no scenario named 'nope'").contains("healthy, expiring");
        assertThat(badOut.toString()).doesNotContain("lab ready");

        StringWriter otherDomainErr = new StringWriter();
        int otherDomain = Main.run(new String[] {"lab", "up", "--user", "FABRIKAM\\administrator"},
                Terminal.plain(new PrintWriter(new StringWriter(), true), new PrintWriter(otherDomainErr, true)));
        assertThat(otherDomain).isEqualTo(1);
        assertThat(otherDomainErr.toString()).contains("--user", "FABRIKAM", "CONTOSO\\administrator",
                "administrator@contoso.local");
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls for up to 20 seconds: the fault watcher and the server threads run on their own time. */
    private static boolean eventually(Condition c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return c.holds();
    }

    private boolean refused(String url) throws InterruptedException {
        try {
            get(url);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
