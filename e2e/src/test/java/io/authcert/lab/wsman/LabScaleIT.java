package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.Lab;
import io.authcert.lab.SimulatedHost;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import io.authcert.transport.winrm.WinRmTransport;
import io.authcert.vault.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The lab at scale: 1,000 simulated servers in one JVM (always run), and the benchmark of 200
 * commands at once across 200 of them (about a minute, so only on request), through the engine's
 * client over Basic (those servers opted in) and over NTLM with every body encrypted (servers at
 * WinRM's defaults), and through a minimal Basic client, in one run. The benchmark writes its
 * figures (reported, never asserted against a time budget) to {@code target/lab-scale.txt}:
 * {@code mvn -B -o verify -Dit.test=LabScaleIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dauthcert.benchmark=true}.
 */
class LabScaleIT {

    private static final int SERVERS = 1000;
    private static final int CONCURRENT = 200;
    private static final int WORK_MILLIS = 1000;
    /** Server i*STRIDE serves the engine over Basic, +1 the minimal Basic client, +2 the engine over NTLM. */
    private static final int STRIDE = SERVERS / CONCURRENT;

    @Test
    void aThousandServersStartAndEachAnswersOnItsOwnPort() throws Exception {
        List<SimulatedHost> hosts = new ArrayList<>();
        for (int i = 1; i <= SERVERS; i++) {
            hosts.add(new EchoHost(String.format(Locale.ROOT, "ex%04d", i)));
        }
        try (Lab lab = Lab.start(hosts, Lab.Options.http("u", "p"))) {
            assertThat(lab.endpoints().stream().map(Lab.Endpoint::port).distinct().count()).isEqualTo(SERVERS);
            WinRmTransport transport = new WinRmTransport();
            for (int i : new int[] {0, SERVERS / 2, SERVERS - 1}) {
                assertThat(run(transport, ntlmTarget(lab, i), "Write-Output 'hello'\n").stdout()).isEqualTo("hello\r\n");
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "authcert.benchmark", matches = "true")
    void aThousandServersServeTwoHundredConcurrentCommands() throws Exception {
        List<SimulatedHost> hosts = new ArrayList<>();
        for (int i = 1; i <= SERVERS; i++) {
            hosts.add(new EchoHost(String.format(Locale.ROOT, "ex%04d", i)));
        }
        Map<String, WinRmConfig> basicOptIn = new HashMap<>();
        for (int i = 0; i < SERVERS; i++) {
            if (i % STRIDE != 2) {
                basicOptIn.put(hosts.get(i).name(), WinRmConfig.basicOverHttp());
            }
        }
        long t0 = System.nanoTime();
        try (Lab lab = Lab.start(hosts, Lab.Options.http("u", "p")
                .withWinRm(new WinRmPolicy(WinRmConfig.windowsDefaults(), basicOptIn)))) {
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(lab.endpoints()).hasSize(SERVERS);
            assertThat(lab.endpoints().stream().map(Lab.Endpoint::port).distinct().count()).isEqualTo(SERVERS);
            HttpClient http = HttpClient.newHttpClient();
            for (Lab.Endpoint e : List.of(lab.endpoints().get(0), lab.endpoints().get(SERVERS - 1))) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port()
                        + "/owa/healthcheck.htm")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).contains(e.host());
            }

            WinRmTransport transport = new WinRmTransport();
            String script = "Start-Sleep -Milliseconds " + WORK_MILLIS + "\nWrite-Output 'done'\n";
            run(transport, basicTarget(lab, 0), script); // warm up the client classes
            long s0 = System.nanoTime();
            run(transport, basicTarget(lab, 1), script);
            double singleSeconds = (System.nanoTime() - s0) / 1e9;

            long basicCpu0 = processCpuNanos();
            double wallSeconds = concurrently(i -> {
                CommandResult r = run(transport, basicTarget(lab, i * STRIDE), script);
                assertThat(r.stdout()).isEqualTo("done\r\n");
            });
            double basicCpuMillisPerCommand = (processCpuNanos() - basicCpu0) / 1e6 / CONCURRENT;

            WinRmTransport ntlm = new WinRmTransport();
            run(ntlm, ntlmTarget(lab, 2), script); // warm up NTLM and sealing
            long n0 = System.nanoTime();
            run(ntlm, ntlmTarget(lab, STRIDE + 2), script);
            double ntlmSingleSeconds = (System.nanoTime() - n0) / 1e9;
            long ntlmCpu0 = processCpuNanos();
            double ntlmWallSeconds = concurrently(i -> {
                CommandResult r = run(ntlm, ntlmTarget(lab, i * STRIDE + 2), script);
                assertThat(r.stdout()).isEqualTo("done\r\n");
            });
            double ntlmCpuMillisPerCommand = (processCpuNanos() - ntlmCpu0) / 1e6 / CONCURRENT;

            // The same load through a minimal keep-alive Basic client measures the lab with next to no client cost.
            RawWsmanClient raw = new RawWsmanClient("u", "p");
            raw.run(lab.endpoints().get(3).url(), script);
            long r0 = System.nanoTime();
            raw.run(lab.endpoints().get(4).url(), script);
            double rawSingleSeconds = (System.nanoTime() - r0) / 1e9;
            long cpu0 = processCpuNanos();
            double rawWallSeconds = concurrently(i -> assertThat(
                    raw.run(lab.endpoints().get(i * STRIDE + 1).url(), script)).isEqualTo("done\r\n"));
            double cpuMillisPerCommand = (processCpuNanos() - cpu0) / 1e6 / CONCURRENT;

            String report = String.format(Locale.ROOT, "lab scale benchmark (%d cores)%n"
                            + "start %d servers: %.2f s%n"
                            + "one command (%d ms of simulated work), alone: %.2f s%n"
                            + "%d such commands at once on %d servers: %.2f s wall%n"
                            + "ratio concurrent wall / single (engine client, Basic, servers opted in): %.2f (fully serial: %d)%n"
                            + "CPU per command, lab and engine client over Basic together: %.1f ms%n"
                            + "engine client, NTLM, every body encrypted (servers at WinRM's defaults): single %.2f s,"
                            + " %d at once %.2f s wall, ratio %.2f; CPU per command with the lab %.1f ms%n"
                            + "NTLM+encryption / Basic, engine client: %.2fx wall of %d at once, %.2fx single, %.2fx CPU per command%n"
                            + "minimal keep-alive client: single %.2f s, %d at once %.2f s wall, ratio %.2f%n"
                            + "CPU per command, lab and minimal client together: %.1f ms%n"
                            + "machine load average at the end: %.1f%n",
                    Runtime.getRuntime().availableProcessors(), SERVERS, startSeconds, WORK_MILLIS, singleSeconds,
                    CONCURRENT, CONCURRENT, wallSeconds, wallSeconds / singleSeconds, CONCURRENT, basicCpuMillisPerCommand,
                    ntlmSingleSeconds, CONCURRENT, ntlmWallSeconds, ntlmWallSeconds / ntlmSingleSeconds, ntlmCpuMillisPerCommand,
                    ntlmWallSeconds / wallSeconds, CONCURRENT, ntlmSingleSeconds / singleSeconds,
                    ntlmCpuMillisPerCommand / basicCpuMillisPerCommand,
                    rawSingleSeconds, CONCURRENT, rawWallSeconds, rawWallSeconds / rawSingleSeconds, cpuMillisPerCommand,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Files.writeString(Path.of("target", "lab-scale.txt"), report);
            // Serial execution would need CONCURRENT * WORK_MILLIS; the lab runs commands side by side.
            assertThat(wallSeconds).isLessThan(CONCURRENT * WORK_MILLIS / 1000.0 / 4);
            assertThat(rawWallSeconds).isLessThan(CONCURRENT * WORK_MILLIS / 1000.0 / 4);
        }
    }

    interface Job {
        void run(int index) throws Exception;
    }

    /** Runs {@code CONCURRENT} jobs at once (released together) and returns the wall time in seconds. */
    private static double concurrently(Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                job.run(index);
                return null;
            }));
        }
        Thread.sleep(200); // let every worker thread start and wait at the gate
        long c0 = System.nanoTime();
        go.countDown();
        for (Future<Void> f : futures) {
            f.get();
        }
        double wall = (System.nanoTime() - c0) / 1e9;
        pool.shutdown();
        return wall;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Basic over plain HTTP, opted in on both sides (the server's policy and the host's variable). */
    private static Target basicTarget(Lab lab, int index) {
        Lab.Endpoint e = lab.endpoints().get(index);
        return new TargetResolver().resolve(e.host(), Map.of("ansible_host", "127.0.0.1", "ansible_port", e.port(),
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                TargetResolver.ALLOW_BASIC_OVER_HTTP, true));
    }

    /** NTLM at WinRM's defaults: every body encrypted. */
    private static Target ntlmTarget(Lab lab, int index) {
        Lab.Endpoint e = lab.endpoints().get(index);
        return new TargetResolver().resolve(e.host(), Map.of("ansible_host", "127.0.0.1", "ansible_port", e.port(),
                "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                "ansible_winrm_transport", "ntlm"));
    }

    private static CommandResult run(WinRmTransport transport, Target t, String script) throws Exception {
        return transport.run(t, script, Duration.ofSeconds(120));
    }
}
