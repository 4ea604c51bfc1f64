package io.authcert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MIT Kerberos realm on 127.0.0.1 (UDP and TCP on one free port) in a temp dir, so the lab
 * (acceptor) and the engine (initiator) can be tested against a real KDC; {@link #shared()} is the one
 * per JVM that JGSS is pointed at, since Java reads {@code java.security.krb5.conf} only once.
 */
public final class Kdc implements AutoCloseable {
    public static final String REALM = "CONTOSO.LOCAL";
    public static final String USER = "administrator";
    public static final String PASSWORD = "Lab-Pa55word!";
    public static final List<String> LAB_HOSTS = List.of("ex01.contoso.local", "ex02.contoso.local", "ex03.contoso.local");

    private static Kdc shared;

    private final Krb5Files files;
    private final KdcProcesses tools;
    private final Process process;
    private final Map<String, Path> keytabs = new LinkedHashMap<>();

    private Kdc(Krb5Files files, KdcProcesses tools, Process process) {
        this.files = files;
        this.tools = tools;
        this.process = process;
    }

    /** The JVM's KDC (realm {@value #REALM}, the {@link #LAB_HOSTS}), started on first use, JGSS pointed at it, stopped at exit. */
    public static synchronized Kdc shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("authcert-kdc-");
                Kdc kdc = start(dir, REALM, LAB_HOSTS);
                kdc.useForJgss();
                Runtime.getRuntime().addShutdownHook(new Thread(kdc::close, "kdc-stop"));
                shared = kdc;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Creates the realm in {@code dir} with the user and one {@code HTTP/host} service per host, and starts the KDC. */
    public static Kdc start(Path dir, String realm, List<String> hosts) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Krb5Files files = new Krb5Files(dir, realm, freePort());
            files.write();
            KdcProcesses tools = new KdcProcesses(Map.of(
                    "KRB5_CONFIG", files.krb5Conf().toString(),
                    "KRB5_KDC_PROFILE", files.kdcConf().toString(),
                    "KRB5CCNAME", "FILE:" + files.ccache()), dir);
            if (attempt == 0) {
                tools.run("", KdcProcesses.tool("kdb5_util"), "create", "-s", "-W", "-r", realm, "-P", "master-" + System.nanoTime());
            }
            Process p = tools.builder(List.of(KdcProcesses.tool("krb5kdc"), "-n", "-r", realm))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile()).start();
            Kdc kdc = new Kdc(files, tools, p);
            try {
                kdc.awaitListening();
            } catch (IOException e) {
                kdc.stop();
                last = e;
                continue;
            }
            kdc.addPrincipal(USER, "-pw", PASSWORD);
            for (String host : hosts) {
                kdc.serviceKeytab(host);
            }
            return kdc;
        }
        throw last;
    }

    private static int freePort() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        while (true) {
            try (ServerSocket tcp = new ServerSocket(0, 1, lo)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port))) {
                    return port;
                } catch (IOException busyUdp) {
                    // taken for UDP: try another
                }
            }
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("krb5kdc exited " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", files.port()), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IOException("krb5kdc not listening on 127.0.0.1:" + files.port() + " after 10 s: " + log());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String log() {
        try {
            Path out = files.dir().resolve("krb5kdc.out");
            Path log = files.dir().resolve("kdc.log");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void addPrincipal(String name, String... keyOptions) throws IOException {
        tools.run("", KdcProcesses.tool("kadmin.local"), "-r", realm(), "-q",
                "addprinc " + String.join(" ", keyOptions) + " " + name + "@" + realm());
    }

    /** The keytab of {@code HTTP/host}, the principal created now if it is new (the lab's acceptor key). */
    public synchronized Path serviceKeytab(String host) throws IOException {
        String fqdn = host.toLowerCase(Locale.ROOT);
        Path keytab = keytabs.get(fqdn);
        if (keytab == null) {
            addPrincipal("HTTP/" + fqdn, "-randkey");
            keytab = files.dir().resolve("http-" + fqdn + ".keytab");
            tools.run("", KdcProcesses.tool("kadmin.local"), "-r", realm(), "-q",
                    "ktadd -k " + keytab + " -norandkey HTTP/" + fqdn + "@" + realm());
            keytabs.put(fqdn, keytab);
        }
        return keytab;
    }

    /**
     * One keytab holding the {@code HTTP/host} keys of all {@code hosts} (each created now if new), as a
     * server serving several names is given one file; the keys are those of {@link #serviceKeytab(String)}.
     */
    public synchronized Path serviceKeytab(List<String> hosts) throws IOException {
        StringBuilder principals = new StringBuilder();
        for (String host : hosts) {
            serviceKeytab(host);
            principals.append(" HTTP/").append(host.toLowerCase(Locale.ROOT)).append('@').append(realm());
        }
        Path keytab = Files.createTempFile(files.dir(), "http-combined-", ".keytab");
        Files.delete(keytab);   // kadmin writes a new keytab file, it cannot add to an empty one
        tools.run("", KdcProcesses.tool("kadmin.local"), "-r", realm(), "-q", "ktadd -k " + keytab + " -norandkey" + principals);
        return keytab;
    }

    /** The service principal of a lab host, as JGSS's Krb5LoginModule wants it. */
    public String servicePrincipal(String host) {
        return "HTTP/" + host.toLowerCase(Locale.ROOT) + "@" + realm();
    }

    public String userPrincipal() {
        return USER + "@" + realm();
    }

    public String realm() {
        return files.realm();
    }

    public int port() {
        return files.port();
    }

    public Path directory() {
        return files.dir();
    }

    public Path krb5Conf() {
        return files.krb5Conf();
    }

    public Path credentialCache() {
        return files.ccache();
    }

    /** KRB5_CONFIG and KRB5CCNAME for a native client (kinit, python-gssapi, pywinrm) started by a test. */
    public Map<String, String> clientEnvironment() {
        return Map.of("KRB5_CONFIG", krb5Conf().toString(), "KRB5CCNAME", "FILE:" + credentialCache());
    }

    /** Runs kinit for the user with the password, filling {@link #credentialCache()}; returns kinit's output. */
    public String kinit() throws IOException {
        return tools.run(PASSWORD + "\n", "kinit", userPrincipal());
    }

    /** As {@link #kinit()}, with a forwardable ticket ({@code kinit -f}) that a logon may delegate. */
    public String kinitForwardable() throws IOException {
        return tools.run(PASSWORD + "\n", "kinit", "-f", userPrincipal());
    }

    /** Runs a command with {@link #clientEnvironment()} in the realm's dir; returns its output, fails on nonzero exit. */
    public String runClient(String stdin, String... command) throws IOException {
        return tools.run(stdin, command);
    }

    /** Points JGSS at this realm; refused when the JVM was already pointed elsewhere (Java reads it once). */
    public void useForJgss() {
        String wanted = krb5Conf().toString();
        String current = System.getProperty("java.security.krb5.conf");
        if (current != null && !current.equals(wanted)) {
            throw new IllegalStateException("java.security.krb5.conf is already " + current + "; use Kdc.shared()");
        }
        System.setProperty("java.security.krb5.conf", wanted);
    }

    /** Whether the KDC process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Stops the KDC and deletes the realm's dir. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(files.dir())) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir: best effort
        }
    }
}
