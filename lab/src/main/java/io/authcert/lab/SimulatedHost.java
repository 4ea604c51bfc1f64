package io.authcert.lab;

import java.io.InputStream;
import java.util.List;

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

    /** Answers GET on a health path ("/owa/healthcheck.htm", "/ecp/healthcheck.htm"); null for other paths. */
    HttpAnswer health(String path);

    /** Protocol-level faults the WinRM layer must act out; read on every request, may change while running. */
    EndpointFaults faults();

    /** An HTTP status and body. */
    record HttpAnswer(int status, String contentType, String body) {
    }

    /** Faults below the PowerShell level. */
    interface EndpointFaults {
        /** The endpoint refuses connections (closed port). */
        boolean unreachable();

        /** Every request is answered 401, whatever the credentials. */
        boolean rejectCredentials();
    }
}
