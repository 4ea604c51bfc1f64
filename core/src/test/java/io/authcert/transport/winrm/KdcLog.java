package io.authcert.transport.winrm;

import io.authcert.testing.Kdc;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** What the tests' KDC wrote in its log, to count the exchanges a client really made. */
public final class KdcLog {

    private KdcLog() {
    }

    public static List<String> lines(Kdc kdc) throws IOException {
        return Files.readAllLines(kdc.directory().resolve("kdc.log"));
    }

    /** TGTs the KDC issued to {@code principal} so far: one per AS exchange (logon). */
    public static long ticketGrantingTicketsIssued(Kdc kdc, String principal) throws IOException {
        return lines(kdc).stream().filter(l -> l.contains("AS_REQ") && l.contains("ISSUE")
                && l.contains(principal + " for krbtgt/")).count();
    }

    /** Service tickets the KDC issued to {@code principal} for {@code service} ({@code HTTP/host}) so far. */
    public static long serviceTicketsIssued(Kdc kdc, String principal, String service) throws IOException {
        return lines(kdc).stream().filter(l -> l.contains("TGS_REQ") && l.contains("ISSUE")
                && l.contains(principal + " for " + service + "@")).count();
    }
}
