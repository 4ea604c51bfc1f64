package io.authcert.lab.wsman;

import io.authcert.lab.SimulatedHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves many simulated hosts, each on its own port, with one shared pool for HTTP exchanges and one
 * for running commands, and a watcher that closes and reopens a host's port as its
 * {@code unreachable} fault is switched.
 */
public final class WsmanServer implements AutoCloseable {

    private static final long FAULT_POLL_MILLIS = 100;

    private final List<WsmanEndpoint> endpoints = new ArrayList<>();
    private final ExecutorService httpPool = Executors.newCachedThreadPool(daemon("lab-http"));
    private final ExecutorService commandPool = Executors.newCachedThreadPool(daemon("lab-command"));
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(daemon("lab-faults"));
    private final LabTls tls;

    /**
     * Starts one endpoint per host: on {@code portBase + i} when {@code portBase > 0}, else on free ports.
     *
     * @param tls null for plain HTTP
     */
    public WsmanServer(List<? extends SimulatedHost> hosts, int portBase, String user, String password, LabTls tls)
            throws IOException {
        this(hosts, portBase, user, password, tls, WinRmPolicy.all(WinRmConfig.windowsDefaults()),
                LabAccounts.localOnly(user, password), null, null, null);
    }

    /**
     * The same with each server's WinRM settings, the accounts NTLM and Kerberos logons are checked against
     * ({@code user} joins them: a domain account for {@code DOMAIN\\name} or {@code name@domain}, else a local
     * account of every server, which Basic also takes), an optional wire log and optional
     * Kerberos settings (null: Kerberos tokens are refused) and an optional log of every request answered.
     *
     * @throws IllegalArgumentException when the Kerberos keytab lacks a server's key, or krb5.conf cannot be used
     */
    public WsmanServer(List<? extends SimulatedHost> hosts, int portBase, String user, String password, LabTls tls,
                       WinRmPolicy policy, LabAccounts accounts, WireLog wire, KerberosSettings kerberos,
                       RequestLog requests) throws IOException {
        this.tls = tls;
        BasicCredentials credentials = new BasicCredentials(user, password);
        LabAccounts withUser = accounts.withAccount(user, password);
        String realm = kerberos == null ? null : kerberos.realmFor(accounts.dnsDomain());
        List<KerberosAcceptor> acceptors = new ArrayList<>();
        try {
            if (kerberos != null) {
                KerberosAcceptor.useKrb5Conf(kerberos.krb5Conf());
                for (SimulatedHost h : hosts) {
                    acceptors.add(KerberosAcceptor.forServer(kerberos, h.name(), accounts.dnsDomain()));
                }
            }
            for (int i = 0; i < hosts.size(); i++) {
                WsmanEndpoint e = new WsmanEndpoint(hosts.get(i), credentials, policy.forServer(hosts.get(i).name()),
                        withUser, acceptors.isEmpty() ? null : acceptors.get(i), realm, wire, requests, tls, httpPool,
                        commandPool);
                endpoints.add(e);
                e.start(portBase > 0 ? portBase + i : 0);
                if (hosts.get(i).faults().unreachable()) {
                    e.suspend();
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        watcher.scheduleWithFixedDelay(this::applyReachability, FAULT_POLL_MILLIS, FAULT_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    public List<WsmanEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The lab's TLS material, or null when serving plain HTTP. */
    public LabTls tls() {
        return tls;
    }

    private void applyReachability() {
        for (WsmanEndpoint e : endpoints) {
            try {
                boolean down = e.host().faults().unreachable();
                if (down && e.listening()) {
                    e.suspend();
                } else if (!down && !e.listening()) {
                    e.resume();
                }
            } catch (IOException | RuntimeException ignored) {
                // The port may be briefly unavailable; the next poll tries again.
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        endpoints.forEach(WsmanEndpoint::stop);
        httpPool.shutdownNow();
        commandPool.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
