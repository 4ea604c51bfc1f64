package io.authcert.transport.winrm;

import io.authcert.powershell.ClixmlErrors;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.transport.winrm.WinRmFailures.Phase;
import io.authcert.transport.winrm.http.HttpConnection;
import io.authcert.transport.winrm.http.HttpEndpoint;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.wsman.ShellSession;
import io.authcert.transport.winrm.wsman.WsmanFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * Runs PowerShell scripts over WinRM with the engine's own WS-Management client, reusing one shell
 * and one kept-alive, authenticated connection per host for the whole run (until {@link #close()}).
 *
 * <ul>
 *   <li>A Receive that sees no output for the operation timeout gets the {@code w:TimedOut} fault,
 *       recognised by its code (2150858793) in the body: the transport asks again, as WinRS and
 *       pywinrm do, until the step's own timeout is spent.</li>
 *   <li>Scripts longer than cmd.exe's command line allows travel on stdin
 *       ({@code powershell -Command -}), with the end of input marked.</li>
 *   <li>Output is read as bytes and decoded as UTF-8 (the script is made to write UTF-8), never
 *       with the JVM's default charset.</li>
 *   <li>Failures are classified ({@link TransportException.Kind}); only opening the shell is retried,
 *       and only when nothing can have run (connection refused, 503, closed without an answer), and a
 *       reused shell the server no longer knows is replaced before the command is sent again.</li>
 * </ul>
 */
public final class WinRmTransport implements Transport {

    private static final int STDIN_CHUNK = 64 * 1024;
    static final int ENVELOPE_SIZE = 153_600;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Authenticators authenticators;
    private final ShellPool pool = new ShellPool();

    public WinRmTransport() {
        this(RetryPolicy.DEFAULT);
    }

    public WinRmTransport(RetryPolicy retry) {
        this(retry, Thread::sleep, System.getenv());
    }

    /** @param env where Kerberos' manual mode finds the user's tickets: KRB5CCNAME, KRB5_CLIENT_KTNAME, KRB5_CONFIG */
    WinRmTransport(RetryPolicy retry, Sleeper sleeper, Map<String, String> env) {
        this.retry = retry;
        this.sleeper = sleeper;
        this.authenticators = new Authenticators(new KerberosLogins(env));
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

        ShellSession session = startCommand(target, invocation, operation, deadline);
        boolean finished = false;
        try {
            if (invocation.usesStdin()) {
                sendStdin(target, session, invocation.stdin(), operation);
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
                try {
                    more = session.receive(operation, stdout, stderr);
                } catch (WsmanFaultException e) {
                    if (!e.timedOut()) {
                        throw WinRmFailures.classify(e, Phase.RECEIVE, target, "");
                    }
                    // w:TimedOut: the command is still running without output; ask again.
                } catch (IOException | RuntimeException e) {
                    throw WinRmFailures.classify(e, Phase.RECEIVE, target, "");
                }
            }
            finished = true;
            return new CommandResult(
                    stripBom(new String(stdout.toByteArray(), StandardCharsets.UTF_8)),
                    ClixmlErrors.decode(new String(stderr.toByteArray(), StandardCharsets.UTF_8)),
                    session.exitCode(),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (finished) {
                pool.give(target, session);
            } else {
                cleanUp(session);
            }
        }
    }

    /** Deletes every shell this transport keeps and closes their connections: the end of the run. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * Starts the command on a kept shell of the target, or on a new one; a kept shell the server no
     * longer knows ({@code w:InvalidSelectors}: nothing ran) is replaced once.
     */
    private ShellSession startCommand(Target target, PowerShellInvocation invocation, Duration operation, long deadline)
            throws TransportException {
        ShellSession kept = pool.take(target);
        if (kept != null) {
            try {
                kept.command(invocation.commandLine(), operation);
                return kept;
            } catch (WsmanFaultException e) {
                kept.close();
                if (!e.invalidSelectors()) {
                    throw WinRmFailures.classify(e, Phase.START_COMMAND, target, "");
                }
            } catch (IOException | RuntimeException e) {
                ShellPool.discard(kept);
                throw WinRmFailures.classify(e, Phase.START_COMMAND, target, "");
            }
        }
        ShellSession fresh = open(target, deadline, operation);
        try {
            fresh.command(invocation.commandLine(), operation);
            return fresh;
        } catch (IOException | RuntimeException e) {
            ShellPool.discard(fresh);
            throw WinRmFailures.classify(e, Phase.START_COMMAND, target, "");
        }
    }

    private ShellSession open(Target target, long deadline, Duration operation) throws TransportException {
        HttpEndpoint endpoint = endpoint(target, target.operationTimeout());
        Exception last = null;
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
            HttpConnection connection = null;
            try {
                connection = new HttpConnection(endpoint, authenticators.forConnection(target));
                return ShellSession.open(connection, ENVELOPE_SIZE, operation);
            } catch (IOException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                }
                last = e;
                if (!WinRmFailures.retryable(e, Phase.OPEN_SHELL)) {
                    break;
                }
            }
        }
        String tried = attempt > 1 ? " (tried " + attempt + " times)" : " (tried once)";
        throw WinRmFailures.classify(last, Phase.OPEN_SHELL, target, tried);
    }

    private static void sendStdin(Target target, ShellSession session, byte[] bytes, Duration operation)
            throws TransportException {
        try {
            for (int from = 0; from < bytes.length; from += STDIN_CHUNK) {
                int to = Math.min(bytes.length, from + STDIN_CHUNK);
                session.send(Arrays.copyOfRange(bytes, from, to), to == bytes.length, operation);
            }
        } catch (IOException | RuntimeException e) {
            throw WinRmFailures.classify(e, Phase.SEND_INPUT, target, "");
        }
    }

    /** Ends the command that did not finish, then deletes the shell and drops the connection; failures here change nothing. */
    private static void cleanUp(ShellSession session) {
        try {
            session.terminate(CLEANUP_TIMEOUT);
        } catch (IOException | RuntimeException ignored) {
            // the server may be gone; the shell expires on its own (IdleTimeout)
        }
        ShellPool.discard(session);
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
        boolean kerberos = auth == Target.AuthTransport.KERBEROS || auth == Target.AuthTransport.NEGOTIATE;
        if (!kerberos && auth != Target.AuthTransport.BASIC && auth != Target.AuthTransport.PLAINTEXT
                && auth != Target.AuthTransport.NTLM) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name() + ": ansible_winrm_transport "
                    + auth.name().toLowerCase(Locale.ROOT) + " is not supported (no CredSSP or client certificates"
                    + " in the WinRM client). " + TargetResolver.SUPPORTED);
        }
        // Kerberos may log on with the user's own ticket (kinit mode manual): no password, perhaps no user.
        if (!kerberos && (target.user() == null || target.password() == null)) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name()
                    + ": no user or password for WinRM; set ansible_user and ansible_password");
        }
        if (target.user() != null && target.user().contains("\\") && auth != Target.AuthTransport.NTLM) {
            throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name() + ": the DOMAIN\\user form is"
                    + " NTLM's; set ansible_winrm_transport: ntlm, or use user@DOMAIN.FQDN with Kerberos or a local account"
                    + " with Basic");
        }
    }

    /**
     * Where and how to connect: TLS with this host's trust, the timeouts; the socket always outlasts
     * a Receive the server holds for the whole operation timeout.
     */
    static HttpEndpoint endpoint(Target target, Duration operation) throws TransportException {
        Duration read = target.readTimeout().compareTo(operation.plusSeconds(5)) > 0
                ? target.readTimeout() : operation.plusSeconds(5);
        Duration connect = min(target.readTimeout(), MAX_CONNECT_TIMEOUT);
        SSLSocketFactory tls = null;
        if (target.scheme() == Target.Scheme.HTTPS) {
            try {
                tls = target.validateServerCertificate() ? TlsTrust.validating(target.caTrustPath())
                        : TlsTrust.trustingAnything();
            } catch (IOException | GeneralSecurityException e) {
                throw new TransportException(Kind.UNSUPPORTED, target.name(), target.name()
                        + ": cannot read the CA certificates in ansible_winrm_ca_trust_path " + target.caTrustPath()
                        + ": " + e.getMessage());
            }
        }
        return new HttpEndpoint(target.address(), target.port(), target.path(), tls,
                target.validateServerCertificate(), connect, read);
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
