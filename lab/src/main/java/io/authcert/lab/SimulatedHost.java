package io.authcert.lab;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One simulated Exchange server as the WinRM layer sees it: it runs command lines and answers the
 * health pages. The seam between the protocol ({@code lab.wsman}) and the simulated organisation
 * ({@code lab.exchange}); neither knows the other's insides.
 */
public interface SimulatedHost {

    /** The server's short name ("ex01"). */
    String name();

    /**
     * Runs a command line as cmd.exe would hand it to the program ({@code powershell.exe} with
     * {@code -EncodedCommand} or {@code -Command -}). Blocks until the command ends; reads
     * {@code stdin} until its end when the command line asks for the script on standard input.
     */
    CommandOutcome execute(String command, List<String> arguments, InputStream stdin);

    /**
     * The same, run as {@code caller}: the logon of the WinRM connection the command came on. Hosts that do
     * not model who runs a command ignore it.
     */
    default CommandOutcome execute(Caller caller, String command, List<String> arguments, InputStream stdin) {
        return execute(command, arguments, stdin);
    }

    /** Answers GET on a health path ("/owa/healthcheck.htm", "/ecp/healthcheck.htm"); null for other paths. */
    HttpAnswer health(String path);

    /**
     * Answers a forms-based sign-in, {@code POST /owa/auth.owa} with the logon form's fields already
     * checked against the lab's account ({@code credentialsAccepted}); null for other paths and for
     * hosts without OWA.
     */
    default HttpAnswer signIn(String path, Map<String, String> form, boolean credentialsAccepted) {
        return null;
    }

    /** Protocol-level faults the WinRM layer must act out; read on every request, may change while running. */
    EndpointFaults faults();

    /** An HTTP status, body and extra headers (Location, Set-Cookie: a header may repeat). */
    record HttpAnswer(int status, String contentType, String body, Map<String, List<String>> headers) {
        public HttpAnswer {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public HttpAnswer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    /** Faults below the PowerShell level. */
    interface EndpointFaults {
        /** The endpoint refuses connections (closed port). */
        boolean unreachable();

        /** Every request is answered 401, whatever the credentials. */
        boolean rejectCredentials();

        /**
         * Kerberos tickets issued before this moment (wall-clock time, as the KDC's) count as expired; null when
         * none do. A Kerberos context established before it is refused on its next request, and a new AP-REQ
         * whose ticket's authtime is before it is refused, so that only a ticket from a new logon at the KDC is
         * accepted.
         */
        default Instant kerberosTicketsExpiredBefore() {
            return null;
        }
    }
}
