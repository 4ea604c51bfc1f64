package io.authcert.lab;

import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.LabAccounts;
import io.authcert.lab.wsman.LogonEvent;
import io.authcert.lab.wsman.LabTls;
import io.authcert.lab.wsman.RequestLog;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WinRmPolicy;
import io.authcert.lab.wsman.WireLog;
import io.authcert.lab.wsman.WsmanEndpoint;
import io.authcert.lab.wsman.WsmanServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves simulated hosts over real WinRM on 127.0.0.1, one port per host, and tells clients where
 * each one is. The organisation behind the hosts is built elsewhere ({@code lab.exchange}); this is
 * only the network side.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(hosts, Lab.Options.http("lab", "Passw0rd!"))) {
 *     String url = lab.endpoint("ex01").url();   // http://127.0.0.1:PORT/wsman
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {

    /**
     * How to serve.
     *
     * @param portBase first port (host i on portBase+i); 0 picks free ports, so tests can run in parallel
     * @param https    serve HTTPS with a certificate from a CA generated for this lab
     * @param winrm    each server's WinRM service settings
     * @param accounts the domain and local accounts NTLM logons are checked against ({@code user} is added
     *                 as a local account of every server)
     * @param wireLog  where to log every HTTP message as it travels; null for none
     * @param kerberos how the servers accept Kerberos (keytab, realm, krb5.conf); null: Kerberos is refused
     * @param requestLog where to append every HTTP request answered as a JSON line ({@link RequestLog}); null for none
     */
    public record Options(int portBase, String user, String password, boolean https, WinRmPolicy winrm,
                          LabAccounts accounts, Path wireLog, KerberosSettings kerberos, Path requestLog) {

        public Options(int portBase, String user, String password, boolean https, WinRmPolicy winrm,
                       LabAccounts accounts, Path wireLog) {
            this(portBase, user, password, https, winrm, accounts, wireLog, null, null);
        }

        /** WinRM's defaults (Basic off, unencrypted refused, Negotiate and Kerberos): NTLM, every body encrypted over HTTP. */
        public Options(int portBase, String user, String password, boolean https) {
            this(portBase, user, password, https, WinRmPolicy.all(WinRmConfig.windowsDefaults()),
                    LabAccounts.localOnly(user, password), null);
        }

        /** Plain HTTP at WinRM's defaults: NTLM (or Kerberos) only, every body encrypted. */
        public static Options http(String user, String password) {
            return new Options(0, user, password, false);
        }

        /** HTTPS at WinRM's defaults: NTLM (or Kerberos) only; TLS protects the bodies. */
        public static Options https(String user, String password) {
            return new Options(0, user, password, true);
        }

        /** The same as {@link #http}: plain HTTP at WinRM's defaults. */
        public static Options windowsDefaults(String user, String password) {
            return http(user, password);
        }

        /**
         * Opts in to Basic over plain HTTP, as {@code winrm set winrm/config/service/auth @{Basic="true"}} and
         * {@code winrm set winrm/config/service @{AllowUnencrypted="true"}} do on a real server: only for
         * Basic-only clients (Overthere) and tests of the Basic path. Basic takes a local account only.
         */
        public Options withBasicOverHttp() {
            return withWinRm(WinRmPolicy.all(WinRmConfig.basicOverHttp()));
        }

        /** Auth/Basic on, unencrypted still refused: Basic over HTTPS (a local account), NTLM as well. */
        public Options withBasic() {
            WinRmConfig basic = WinRmConfig.from(Map.<String, Object>of("basic", true), WinRmConfig.windowsDefaults());
            return withWinRm(WinRmPolicy.all(basic));
        }

        public Options withPortBase(int base) {
            return new Options(base, user, password, https, winrm, accounts, wireLog, kerberos, requestLog);
        }

        public Options withWinRm(WinRmPolicy policy) {
            return new Options(portBase, user, password, https, policy, accounts, wireLog, kerberos, requestLog);
        }

        public Options withAccounts(LabAccounts newAccounts) {
            return new Options(portBase, user, password, https, winrm, newAccounts, wireLog, kerberos, requestLog);
        }

        public Options withWireLog(Path file) {
            return new Options(portBase, user, password, https, winrm, accounts, file, kerberos, requestLog);
        }

        /** Kerberos accepted with the servers' keys from {@code settings}' keytab (as each server's AD account). */
        public Options withKerberos(KerberosSettings settings) {
            return new Options(portBase, user, password, https, winrm, accounts, wireLog, settings, requestLog);
        }

        public Options withRequestLog(Path file) {
            return new Options(portBase, user, password, https, winrm, accounts, wireLog, kerberos, file);
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Options[portBase=" + portBase + ", user=" + user + ", password=********, https=" + https
                    + ", winrm=" + winrm + ", wireLog=" + wireLog + ", kerberos=" + kerberos + ", requestLog=" + requestLog
                    + "]";
        }
    }

    /** Where one host listens. */
    public record Endpoint(String host, String address, int port, boolean https, String url) {
    }

    private final WsmanServer server;
    private final RequestLog requests;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    private Lab(WsmanServer server, RequestLog requests) {
        this.server = server;
        this.requests = requests;
        for (WsmanEndpoint e : server.endpoints()) {
            endpoints.put(e.host().name(), new Endpoint(e.host().name(), "127.0.0.1", e.port(), e.https(), e.url()));
        }
    }

    /** Starts serving; fails when a port is taken or two hosts share a name. */
    public static Lab start(List<? extends SimulatedHost> hosts, Options options) throws IOException {
        long distinct = hosts.stream().map(SimulatedHost::name).distinct().count();
        if (distinct != hosts.size()) {
            throw new IllegalArgumentException("two simulated hosts share a name");
        }
        LabTls tls = options.https() ? LabTls.generate() : null;
        RequestLog requests = options.requestLog() == null ? null : new RequestLog(options.requestLog());
        try {
            return new Lab(new WsmanServer(hosts, options.portBase(), options.user(), options.password(), tls,
                    options.winrm(), options.accounts(), options.wireLog() == null ? null : new WireLog(options.wireLog()),
                    options.kerberos(), requests), requests);
        } catch (IOException | RuntimeException e) {
            if (requests != null) {
                requests.close();
            }
            throw e;
        }
    }

    /** Every host's endpoint, in the order the hosts were given. */
    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    public Endpoint endpoint(String host) {
        Endpoint e = endpoints.get(host);
        if (e == null) {
            throw new IllegalArgumentException("no simulated host named " + host);
        }
        return e;
    }

    public int port(String host) {
        return endpoint(host).port();
    }

    /** The latest logon attempts (NTLM, Kerberos) on {@code host}, oldest first: who logged on, or why not. */
    public List<LogonEvent> logons(String host) {
        endpoint(host);
        return server.endpoints().stream().filter(e -> e.host().name().equals(host)).findFirst().orElseThrow().logons();
    }

    /** The lab CA in PEM form when serving HTTPS. */
    public Optional<String> caPem() {
        return Optional.ofNullable(server.tls()).map(LabTls::caPem);
    }

    /** Writes the lab CA (PEM) to {@code file} so clients can trust the lab; fails when serving plain HTTP. */
    public Path writeCaPem(Path file) {
        String pem = caPem().orElseThrow(() -> new IllegalStateException("the lab serves plain HTTP: no CA"));
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        server.close();
        if (requests != null) {
            requests.close();
        }
    }
}
