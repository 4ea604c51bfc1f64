package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.Lab;
import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's fault "Kerberos tickets issued before a moment have expired", at the HTTP level on kept-alive
 * connections with a JGSS initiator and the tests' KDC: a context established before the moment is refused on
 * its next request (401 with the challenges; the connection must authenticate again), a new AP-REQ with the old
 * ticket is refused as expired, and a ticket from a new logon at the KDC is accepted, on the same connection.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KerberosTicketExpiryIT {

    private static final String CREATE = "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\" xmlns:a=\"" + Ns.ADDRESSING
            + "\" xmlns:w=\"" + Ns.WSMAN + "\"><s:Header><a:MessageID>uuid:1</a:MessageID><w:ResourceURI>"
            + Ns.RESOURCE_CMD + "</w:ResourceURI><a:Action>" + Ns.ACTION_CREATE + "</a:Action></s:Header><s:Body>"
            + "<rsp:Shell xmlns:rsp=\"" + Ns.SHELL + "\"/></s:Body></s:Envelope>";

    private final EchoHost ex01 = new EchoHost("ex01");
    private Kdc kdc;
    private Lab lab;

    @BeforeEach
    void start(Kdc theKdc) throws Exception {
        kdc = theKdc;
        KerberosSettings keys = new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf());
        LabAccounts accounts = new LabAccounts("CONTOSO", "contoso.local", List.of(new LabAccounts.Account("CONTOSO",
                "administrator", "Pw-administrator", List.of("Domain Users"))), Map.of());
        // AllowUnencrypted, so that the requests after the logon can be plain SOAP: the fault is about the logon.
        lab = Lab.start(List.of(ex01), Lab.Options.http("labadmin", "Lab-Passw0rd!")
                .withWinRm(WinRmPolicy.all(WinRmConfig.basicOverHttp())).withAccounts(accounts).withKerberos(keys));
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    void aContextFromBeforeTheMomentIsRefusedAndOnlyATicketFromANewLogonGetsBackIn() throws Exception {
        Subject before = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
        try (Connection c = new Connection(lab.endpoint("ex01"))) {
            assertThat(c.logOn(before).status).isEqualTo(200);
            assertThat(c.post(null, CREATE).status).as("the established context before the fault").isEqualTo(200);

            // Tickets issued up to now expire; authtime has whole seconds, so the moment is past the logon's second.
            waitForTheNextSecond();
            Instant moment = Instant.now();
            ex01.kerberosTicketsExpiredBefore = moment;

            Answer refused = c.post(null, CREATE);
            assertThat(refused.status).as("the established context after the fault").isEqualTo(401);
            assertThat(refused.headers.get("www-authenticate")).contains("Negotiate", "Kerberos");
            assertThat(lastFailure()).startsWith("SEC_E_CONTEXT_EXPIRED").contains(kdc.userPrincipal(), moment.toString());
            assertThat(c.post(null, CREATE).status).as("the connection stays unauthenticated").isEqualTo(401);

            // The old ticket (cached in the Subject: no new logon) is refused on a new AP-REQ, on the same connection.
            assertThat(c.logOn(before).status).as("an AP-REQ with the old ticket").isEqualTo(401);
            assertThat(lastFailure()).startsWith("KRB_AP_ERR_TKT_EXPIRED").contains(kdc.userPrincipal());

            // A new logon at the KDC gives a ticket issued after the moment: accepted, and the connection works again.
            Subject fresh = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
            assertThat(c.logOn(fresh).status).as("an AP-REQ with a fresh ticket").isEqualTo(200);
            assertThat(c.post(null, CREATE).status).isEqualTo(200);
            assertThat(lab.logons("ex01").get(lab.logons("ex01").size() - 1).succeeded()).isTrue();
        }

        ex01.kerberosTicketsExpiredBefore = null;
        try (Connection c = new Connection(lab.endpoint("ex01"))) {
            assertThat(c.logOn(before).status).as("the old ticket once the fault is lifted").isEqualTo(200);
        }
    }

    @Test
    void aTicketIssuedAfterTheMomentIsNotTouched() throws Exception {
        ex01.kerberosTicketsExpiredBefore = Instant.now().minus(1, ChronoUnit.HOURS);
        Subject user = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
        try (Connection c = new Connection(lab.endpoint("ex01"))) {
            assertThat(c.logOn(user).status).as("a ticket issued after the moment").isEqualTo(200);
            assertThat(c.post(null, CREATE).status).isEqualTo(200);
            assertThat(c.post(null, CREATE).status).isEqualTo(200);
        }
    }

    private String lastFailure() {
        List<LogonEvent> events = lab.logons("ex01");
        return events.get(events.size() - 1).failure();
    }

    private static void waitForTheNextSecond() throws InterruptedException {
        Instant now = Instant.now();
        Thread.sleep(now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toEpochMilli() - now.toEpochMilli() + 20);
    }

    private record Answer(int status, Map<String, List<String>> headers) {
    }

    /** One kept-alive HTTP/1.1 connection to a lab endpoint, as HTTP.sys binds a logon to it. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        Connection(Lab.Endpoint endpoint) throws IOException {
            socket = new Socket("127.0.0.1", endpoint.port());
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            host = "127.0.0.1:" + endpoint.port();
        }

        /** A raw Kerberos AP-REQ from {@code user} for HTTP/ex01 with a SOAP body (the token rides on the message). */
        Answer logOn(Subject user) throws Exception {
            GSSContext ctx = GssHandshake.initiator(user, "HTTP@ex01.contoso.local");
            byte[] token = GssHandshake.as(user, () -> ctx.initSecContext(new byte[0], 0, 0));
            return post("Kerberos " + Base64.getEncoder().encodeToString(token), CREATE);
        }

        Answer post(String authorization, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /wsman HTTP/1.1\r\nHost: " + host + "\r\nConnection: keep-alive\r\n"
                    + "Content-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + bytes.length + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            int status = Integer.parseInt(line().split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
            in.readNBytes(length);
            return new Answer(status, headers);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the lab closed the connection");
                }
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
