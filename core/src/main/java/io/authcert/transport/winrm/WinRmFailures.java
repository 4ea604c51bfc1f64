package io.authcert.transport.winrm;

import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.transport.winrm.http.HttpStatusException;
import io.authcert.transport.winrm.http.MalformedResponseException;
import io.authcert.transport.winrm.http.NoResponseException;
import io.authcert.transport.winrm.kerberos.KerberosException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says in plain words what went wrong in a WinRM exchange, from the client's exceptions and the step
 * the exchange was in, so that the engine can tell "did not run" from "may have run". Never copies
 * an exception's text beyond a TLS or connect reason: nothing of the SOAP request (the script) leaks.
 */
final class WinRmFailures {

    /** Where in the exchange the failure happened: it decides whether the command can have run. */
    enum Phase { OPEN_SHELL, START_COMMAND, SEND_INPUT, RECEIVE }

    private WinRmFailures() {
    }

    /** The HTTP status the server answered with, if that is what this is. */
    static Optional<Integer> httpStatus(Throwable e) {
        return cause(e, HttpStatusException.class).map(HttpStatusException::status);
    }

    static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /**
     * True when a new attempt cannot run the command twice and may succeed: refused, 503, or the
     * connection closed without an answer, all before a shell existed (so no command can have run).
     */
    static boolean retryable(Throwable e, Phase phase) {
        if (phase != Phase.OPEN_SHELL || cause(e, KerberosException.class).isPresent()) {
            return false;
        }
        return cause(e, ConnectException.class).isPresent()
                || httpStatus(e).filter(s -> s == 503).isPresent()
                || (httpStatus(e).isEmpty() && closedWithoutAnswer(e));
    }

    /** The server closed the connection (reset, end of stream) without an HTTP answer. */
    private static boolean closedWithoutAnswer(Throwable e) {
        if (cause(e, NoResponseException.class).isPresent() || cause(e, EOFException.class).isPresent()) {
            return true;
        }
        String chain = messageChain(e);
        return chain.contains("Connection reset") || chain.contains("Broken pipe")
                || chain.contains("connection abort");
    }

    /**
     * NTLM over HTTPS binds the logon to the certificate the engine saw, so a server at CbtHardeningLevel
     * Relaxed or Strict refuses it, with the same 401 as a bad password, behind a TLS-intercepting proxy.
     */
    private static String channelBindingHint(Target target) {
        return target.authTransport() == Target.AuthTransport.NTLM && target.scheme() == Target.Scheme.HTTPS
                ? "; over HTTPS the NTLM logon is bound to the TLS certificate the engine received, so a"
                + " TLS-intercepting proxy between the engine and the server is refused the same way"
                + " (winrm/config/service/auth/CbtHardeningLevel)"
                : "";
    }

    static TransportException classify(Throwable e, Phase phase, Target target, String tried) {
        String host = target.name();
        String where = target.endpoint();
        Optional<Integer> status = httpStatus(e);
        Optional<KerberosException> kerberos = cause(e, KerberosException.class);
        if (kerberos.isPresent()) {
            return kerberosFailure(kerberos.get(), phase, target);
        }
        if (status.filter(s -> s == 401).isPresent()) {
            if (commandStarted(phase)) {
                // Refused mid-command, and logging on again did not help: the command is running or ran.
                return new TransportException(Kind.RESPONSE_LOST, host, host + ": the server at " + where + " refused"
                        + " the connection's logon (HTTP 401) while the command was running, and authenticating again"
                        + " did not help; the command may or may not have run");
            }
            boolean ticket = target.authTransport() == Target.AuthTransport.KERBEROS
                    || target.authTransport() == Target.AuthTransport.NEGOTIATE;
            String how = ticket
                    ? "the server refused the Kerberos ticket for " + target.kerberosService().replace('@', '/')
                    + " (HTTP 401): check that this SPN belongs to the server's computer account (setspn -L), that"
                    + " ansible_winrm_kerberos_hostname_override names this server, and that the clocks agree"
                    : "the server refused the user name or password of " + target.user() + " (HTTP 401 to " + target.authTransport().name().toLowerCase() + ")";
            return new TransportException(Kind.AUTHENTICATION, host, host + ": authentication failed at " + where
                    + ": " + how + "; also check that the server allows " + (ticket ? "kerberos"
                    : target.authTransport().name().toLowerCase()) + " authentication (winrm get winrm/config/service/auth)"
                    + channelBindingHint(target));
        }
        if (cause(e, UnknownHostException.class).isPresent()) {
            return new TransportException(Kind.UNREACHABLE, host, host + ": cannot resolve " + target.address()
                    + " (" + where + ")" + tried);
        }
        if (cause(e, ConnectException.class).isPresent() || cause(e, NoRouteToHostException.class).isPresent()) {
            String why = cause(e, ConnectException.class).map(Throwable::getMessage).orElse("no route to host");
            return new TransportException(Kind.UNREACHABLE, host, host + ": cannot connect to " + target.address()
                    + " port " + target.port() + " (" + where + "): " + lower(why) + tried
                    + "; is WinRM listening there (winrm enumerate winrm/config/listener) and the firewall open?");
        }
        if (cause(e, SSLException.class).isPresent()) {
            String why = cause(e, SSLException.class).map(Throwable::getMessage).orElse("");
            return new TransportException(Kind.UNREACHABLE, host, host + ": TLS handshake with " + where + " failed: "
                    + firstLine(why) + "; trust the server's CA with ansible_winrm_ca_trust_path (PEM), or, for a lab,"
                    + " ansible_winrm_server_cert_validation: ignore");
        }
        if (status.isPresent()) {
            int s = status.get();
            if (phase == Phase.OPEN_SHELL && s == 503) {
                return new TransportException(Kind.UNREACHABLE, host, host + ": the WinRM service at " + where
                        + " answered 503 Service Unavailable before a shell existed" + tried);
            }
            String ran = phase == Phase.OPEN_SHELL ? "the command did not run"
                    : phase == Phase.RECEIVE ? "the command ran; its outcome is unknown"
                    : "the command may or may not have run";
            return new TransportException(Kind.PROTOCOL, host, host + ": the WinRM service at " + where
                    + " answered HTTP " + s + " to " + describe(phase) + " (" + ran + ")");
        }
        if (cause(e, InterruptedIOException.class).isPresent()) {
            if (phase == Phase.OPEN_SHELL) {
                return new TransportException(Kind.UNREACHABLE, host, host + ": no answer from " + where
                        + " within the connection/read timeout" + tried);
            }
            return new TransportException(Kind.TIMED_OUT, host, host + ": no answer from " + where + " to "
                    + describe(phase) + " within the read timeout (ansible_winrm_read_timeout_sec, "
                    + target.readTimeout().toSeconds() + " s, and at least the operation timeout + 5 s);"
                    + " the command may still be running");
        }
        if (cause(e, MalformedResponseException.class).isPresent()) {
            String what = cause(e, MalformedResponseException.class).map(Throwable::getMessage).orElse("");
            return new TransportException(Kind.PROTOCOL, host, host + ": " + where + " answered " + describe(phase)
                    + " with something that is not WS-Management (" + what + ")" + (phase == Phase.OPEN_SHELL
                    ? "; the command did not run" : "; the command may or may not have run"));
        }
        if (closedWithoutAnswer(e)) {
            if (phase == Phase.OPEN_SHELL) {
                return new TransportException(Kind.UNREACHABLE, host, host + ": " + where
                        + " closed the connection without answering before a shell existed" + tried);
            }
            return new TransportException(Kind.RESPONSE_LOST, host, host + ": " + where + " closed the connection"
                    + " without answering " + describe(phase) + "; the command may or may not have run");
        }
        return new TransportException(Kind.PROTOCOL, host, host + ": WinRM exchange with " + where + " failed during "
                + describe(phase) + ": " + e.getClass().getSimpleName()
                + Optional.ofNullable(rootCause(e)).map(r -> " (" + r.getClass().getSimpleName() + ")").orElse(""));
    }

    /**
     * Kerberos failed: nothing was sent, except when the server's proof came back wrong on a connection
     * reopened under a kept shell over HTTPS, where the request went with the token and may have run.
     */
    private static TransportException kerberosFailure(KerberosException e, Phase phase, Target target) {
        String host = target.name();
        String said = host + ": Kerberos authentication to " + target.endpoint() + " failed: " + e.getMessage();
        if (e.reason() == KerberosException.Reason.MUTUAL_AUTHENTICATION_FAILED && phase != Phase.OPEN_SHELL
                && !target.encryptsMessages()) {
            return new TransportException(Kind.RESPONSE_LOST, host, said + "; the command may or may not have run", e);
        }
        if (commandStarted(phase)) {
            // A ticket that expired while the command ran, and no new one: the command is running or ran.
            return new TransportException(Kind.RESPONSE_LOST, host, said + "; the command had started: it may or may"
                    + " not have run", e);
        }
        return new TransportException(Kind.AUTHENTICATION, host, said, e);
    }

    /** Past the Command request: the command runs on the server whatever happens to the connection. */
    private static boolean commandStarted(Phase phase) {
        return phase == Phase.RECEIVE || phase == Phase.SEND_INPUT;
    }

    private static String describe(Phase phase) {
        return switch (phase) {
            case OPEN_SHELL -> "the request to create a shell";
            case START_COMMAND -> "the request to start the command";
            case SEND_INPUT -> "the request sending the script on stdin";
            case RECEIVE -> "a Receive request for the command's output";
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? null : t;
    }

    private static String messageChain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(firstLine(t.getMessage())).append('\n');
        }
        return sb.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String lower(String s) {
        return s == null || s.isEmpty() ? "connection failed" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
