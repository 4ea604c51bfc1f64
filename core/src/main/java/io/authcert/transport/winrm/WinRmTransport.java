package io.authcert.transport.winrm;

import com.xebialabs.overthere.winrm.WinRmShellSession;
import io.authcert.powershell.ClixmlErrors;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.transport.winrm.WinRmFailures.Phase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs PowerShell scripts over WinRM with Overthere's WinRM client ({@code cifs} protocol,
 * {@code WINRM_INTERNAL}: WS-Management only, never SMB), Basic or Kerberos, HTTP or HTTPS.
 *
 * <p>Around Overthere's limits:
 * <ul>
 *   <li>A Receive that sees no output for the operation timeout gets the {@code w:TimedOut} fault
 *       (HTTP 500), which Overthere reports as a plain HTTP 500. This transport sends each Receive
 *       itself and treats a 500 that arrives after the full operation timeout as that fault: it
 *       simply asks again, as WinRS and pywinrm do, until the step's own timeout is spent. A 500
 *       that comes back sooner is a real fault.</li>
 *   <li>Scripts longer than cmd.exe's command line allows travel on stdin
 *       ({@code powershell -Command -}), with the end of input marked.</li>
 *   <li>Output is read as bytes and decoded as UTF-8 (the script is made to write UTF-8), never
 *       with the JVM's default charset.</li>
 *   <li>Failures are classified ({@link TransportException.Kind}); only opening the shell is retried,
 *       and only when nothing can have run (connection refused, 503, closed without an answer).</li>
 * </ul>
 */
public final class WinRmTransport implements Transport {

    /** Slack for the server's own timing when recognising the TimedOut fault by its delay. */
    private static final long TIMED_OUT_SLACK_MILLIS = 250;
    private static final int STDIN_CHUNK = 64 * 1024;
    private static final int ENVELOPE_SIZE = 153_600;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

    private final RetryPolicy retry;
    private final Sleeper sleeper;

    public WinRmTransport() {
        this(RetryPolicy.DEFAULT);
    }

    public WinRmTransport(RetryPolicy retry) {
        this(retry, Thread::sleep);
    }

    WinRmTransport(RetryPolicy retry, Sleeper sleeper) {
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** Waits between attempts; a seam so unit tests need no real waiting. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @Override
    public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
        checkSupported(target);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        PowerShellInvocation invocation = PowerShellInvocation.of(script);
        Duration operation = min(target.operationTimeout(), timeout);
        WinRmShellSession.Settings settings = settings(target, operation);

        WinRmShellSession session = open(target, settings, deadline);
        boolean finished = false;
        try {
            try {
                session.command(invocation.commandLine());
            } catch (RuntimeException e) {
                throw WinRmFailures.classify(e, Phase.START_COMMAND, target, "");
            }
            if (invocation.usesStdin()) {
                sendStdin(target, session, invocation.stdin());
            }
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            boolean more = true;
            while (more) {
                if (System.nanoTime() > deadline) {
                    throw timedOut(target, timeout);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new TransportException(Kind.TIMED_OUT, target.name(), target.name() + ": the engine stopped"
                            + " waiting for the command at " + target.endpoint() + " (interrupted); it may still be running");
                }
                long sent = System.nanoTime();
                try {
                    more = session.receive(stdout, stderr);
                } catch (IOException | RuntimeException e) {
                    long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
                    boolean timedOutFault = WinRmFailures.httpStatus(e).filter(s -> s == 500).isPresent()
                            && waitedMillis + TIMED_OUT_SLACK_MILLIS >= operation.toMillis();
                    if (!timedOutFault) {
                        throw WinRmFailures.classify(e, Phase.RECEIVE, target, "");
                    }
                    // w:TimedOut: the command is still running without output; ask again.
                }
            }
            finished = true;
            return new CommandResult(
                    stripBom(new String(stdout.toByteArray(), StandardCharsets.UTF_8)),
                    ClixmlErrors.decode(new String(stderr.toByteArray(), StandardCharsets.UTF_8)),
                    session.exitCode(),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            cleanUp(session, finished);
        }
    }

    private WinRmShellSession open(Target target, WinRmShellSession.Settings settings, long deadline)
            throws TransportException {
        RuntimeException last = null;
        int attempt = 0;
        while (attempt < retry.attempts()) {
            attempt++;
            if (attempt > 1) {
                long backoff = retry.backoffBefore(attempt).toMillis();
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    break;
                }
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            WinRmShellSession session = new WinRmShellSession(settings);
            try {
                session.open();
                return session;
            } catch (RuntimeException e) {
                last = e;
                if (!WinRmFailures.retryable(e, Phase.OPEN_SHELL)) {
                    break;
                }
            }
        }
        String tried = attempt > 1 ? " (tried " + attempt + " times)" : " (tried once)";
        throw WinRmFailures.classify(last, Phase.OPEN_SHELL, target, tried);
    }

    private static void sendStdin(Target target, WinRmShellSession session, byte[] bytes) throws TransportException {
        try {
            for (int from = 0; from < bytes.length; from += STDIN_CHUNK) {
                int to = Math.min(bytes.length, from + STDIN_CHUNK);
                session.sendInput(Arrays.copyOfRange(bytes, from, to), to == bytes.length);
            }
        } catch (RuntimeException e) {
            throw WinRmFailures.classify(e, Phase.SEND_INPUT, target, "");
        }
    }

    /** Ends the command if it did not finish, then deletes the shell; failures here change nothing. */
    private static void cleanUp(WinRmShellSession session, boolean finished) {
        try {
            if (!finished) {
                session.terminate();
            }
        } catch (RuntimeException ignored) {
            // the server may be gone; the shell expires on its own (IdleTimeout)
        }
        try {
            session.close();
        } catch (RuntimeException ignored) {
            // as above
        }
    }

    private static TransportException timedOut(Target target, Duration timeout) {
        return new TransportException(Kind.TIMED_OUT, target.name(), target.name() + ": the command did not finish"
                + " within " + human(timeout) + " at " + target.endpoint() + "; it was asked to stop, but may still"
                + " be running");
    }

    private static void checkSupported(Target target) throws TransportException {
        if (target.connection() != Target.Connection.WINRM) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name()
                    + ": ansible_connection is " + target.connection().name().toLowerCase(Locale.ROOT)
                    + ", not winrm; the WinRM transport cannot run it");
        }
        Target.AuthTransport auth = target.authTransport();
        if (auth != Target.AuthTransport.BASIC && auth != Target.AuthTransport.KERBEROS
                && auth != Target.AuthTransport.PLAINTEXT) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name() + ": ansible_winrm_transport "
                    + auth.name().toLowerCase(Locale.ROOT) + " is not supported (no NTLM, CredSSP or message"
                    + " encryption in the WinRM client). " + TargetResolver.SUPPORTED);
        }
        if (target.user() == null || target.password() == null) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name()
                    + ": no user or password for WinRM; set ansible_user and ansible_password");
        }
        if (target.user().contains("\\")) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name() + ": the DOMAIN\\user form is"
                    + " rejected by the WinRM client; use user@DOMAIN.FQDN with Kerberos or a local account with Basic");
        }
        if (target.scheme() == Target.Scheme.HTTPS && target.validateServerCertificate() && target.caTrustPath() != null) {
            try {
                CaTrust.trust(target.caTrustPath());
            } catch (IOException | GeneralSecurityException e) {
                throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name()
                        + ": cannot read the CA certificates in ansible_winrm_ca_trust_path " + target.caTrustPath()
                        + ": " + e.getMessage());
            }
        }
    }

    static WinRmShellSession.Settings settings(Target target, Duration operation) throws TransportException {
        URL url;
        try {
            url = new URL(target.scheme().name().toLowerCase(Locale.ROOT), target.address(), target.port(),
                    target.path());
        } catch (MalformedURLException e) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name() + ": not a valid WinRM address: "
                    + target.endpoint());
        }
        // The socket must outlast a Receive the server holds for the whole operation timeout.
        Duration read = target.readTimeout().compareTo(operation.plusSeconds(5)) > 0
                ? target.readTimeout() : operation.plusSeconds(5);
        Duration connect = min(target.readTimeout(), MAX_CONNECT_TIMEOUT);
        String user = target.authTransport() == Target.AuthTransport.KERBEROS
                ? kerberosPrincipal(target.user()) : target.user();
        return new WinRmShellSession.Settings(user, target.password().reveal(), url, target.address(),
                target.port(), isoSeconds(operation), ENVELOPE_SIZE, target.validateServerCertificate(),
                (int) connect.toMillis(), (int) read.toMillis());
    }

    /** Kerberos realms are upper case; Overthere would fix it too, but says so in a log line. */
    private static String kerberosPrincipal(String user) {
        int at = user.indexOf('@');
        return at < 0 ? user : user.substring(0, at) + "@" + user.substring(at + 1).toUpperCase(Locale.ROOT);
    }

    static String isoSeconds(Duration d) {
        long millis = Math.max(1000, d.toMillis());
        return String.format(Locale.ROOT, "PT%d.%03dS", millis / 1000, millis % 1000);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
