package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.Lab;
import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's Kerberos acceptor at the HTTP level, with tokens from a JGSS initiator (what Windows sends:
 * SPNEGO; and raw Kerberos): a token with a SOAP body is answered at once with the mutual-authentication
 * token, and every ticket a real server refuses gets the 401 with the configured challenges.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KerberosLogonIT {

    private static final String EX01 = "ex01.contoso.local";
    private static final Oid SPNEGO = GssHandshake.oid("1.3.6.1.5.5.2");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CREATE = "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\" xmlns:a=\"" + Ns.ADDRESSING
            + "\" xmlns:w=\"" + Ns.WSMAN + "\"><s:Header><a:MessageID>uuid:1</a:MessageID><w:ResourceURI>"
            + Ns.RESOURCE_CMD + "</w:ResourceURI><a:Action>" + Ns.ACTION_CREATE + "</a:Action></s:Header><s:Body>"
            + "<rsp:Shell xmlns:rsp=\"" + Ns.SHELL + "\"/></s:Body></s:Envelope>";

    private static Kdc kdc;
    private static Subject user;
    private static Path keytab;
    private Lab lab;

    @BeforeAll
    static void login(Kdc theKdc) throws Exception {
        kdc = theKdc;
        user = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
        keytab = kdc.serviceKeytab(Kdc.LAB_HOSTS);
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private Lab start(WinRmConfig config, KerberosSettings kerberos, LabAccounts accounts, String... hosts)
            throws Exception {
        List<EchoHost> echo = java.util.Arrays.stream(hosts).map(EchoHost::new).toList();
        Lab.Options options = Lab.Options.http("labadmin", "Lab-Passw0rd!").withWinRm(WinRmPolicy.all(config))
                .withAccounts(accounts);
        lab = Lab.start(echo, kerberos == null ? options : options.withKerberos(kerberos));
        return lab;
    }

    private Lab start(WinRmConfig config) throws Exception {
        return start(config, settings(), domain("administrator"), "ex01");
    }

    private static KerberosSettings settings() {
        return new KerberosSettings(keytab, null, kdc.krb5Conf());
    }

    private static LabAccounts domain(String... users) {
        return new LabAccounts("CONTOSO", "contoso.local", java.util.Arrays.stream(users)
                .map(u -> new LabAccounts.Account("CONTOSO", u, "Pw-" + u, List.of("Domain Users"))).toList(), Map.of());
    }

    /** An initiator context of {@code mech} for HTTP@host, and its first token. */
    private static GSSContext initiator(Oid mech, String host) throws Exception {
        return GssHandshake.as(user, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSName target = m.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
            GSSCredential cred = m.createCredential(null, GSSCredential.DEFAULT_LIFETIME, mech, GSSCredential.INITIATE_ONLY);
            GSSContext ctx = m.createContext(target, mech, cred, GSSContext.DEFAULT_LIFETIME);
            ctx.requestMutualAuth(true);
            ctx.requestConf(true);
            ctx.requestInteg(true);
            return ctx;
        });
    }

    private static byte[] firstToken(GSSContext ctx) throws Exception {
        return GssHandshake.as(user, () -> ctx.initSecContext(new byte[0], 0, 0));
    }

    private HttpResponse<String> post(String authorization, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(lab.endpoint("ex01").url()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(byte[] token) {
        return Base64.getEncoder().encodeToString(token);
    }

    private LogonEvent lastLogon() {
        List<LogonEvent> events = lab.logons("ex01");
        return events.get(events.size() - 1);
    }

    @Test
    void spnegoWithASoapBodyIsProcessedAtOnceAndTheReplyAuthenticatesTheServer() throws Exception {
        start(WinRmConfig.basicOverHttp());
        GSSContext client = initiator(SPNEGO, EX01);
        byte[] negTokenInit = firstToken(client);
        assertThat(TokenKind.of(negTokenInit)).isEqualTo(TokenKind.SPNEGO_KERBEROS);

        HttpResponse<String> r = post("Negotiate " + b64(negTokenInit), CREATE);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<rsp:ShellId>");
        String reply = r.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(reply).startsWith("Negotiate ");
        byte[] token = Base64.getDecoder().decode(reply.substring("Negotiate ".length()));
        GssHandshake.as(user, () -> client.initSecContext(token, 0, token.length));
        assertThat(client.isEstablished()).isTrue();
        assertThat(client.getMutualAuthState()).isTrue();
        assertThat(lastLogon().logon()).isEqualTo(new Logon("SPNEGO/Kerberos", "CONTOSO\\administrator",
                kdc.userPrincipal(), false));
    }

    @Test
    void theKerberosSchemeOfMsWsmvIsAnsweredUnderTheSameScheme() throws Exception {
        start(WinRmConfig.basicOverHttp());
        GSSContext client = initiator(GssHandshake.KRB5, EX01);
        byte[] apReq = firstToken(client);
        assertThat(TokenKind.of(apReq)).isEqualTo(TokenKind.KERBEROS);

        HttpResponse<String> r = post("Kerberos " + b64(apReq), "");

        assertThat(r.statusCode()).isEqualTo(200);
        String reply = r.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(reply).startsWith("Kerberos ");
        byte[] token = Base64.getDecoder().decode(reply.substring("Kerberos ".length()));
        GssHandshake.as(user, () -> client.initSecContext(token, 0, token.length));
        assertThat(client.isEstablished()).isTrue();
        assertThat(lastLogon().logon().method()).isEqualTo("Kerberos");
    }

    @Test
    void anSpnegoExchangeOfTwoLegsContinuesOnTheSameConnection() throws Exception {
        start(WinRmConfig.basicOverHttp());
        // A NegTokenInit preferring NTLM, with NTLM's optimistic token: the acceptor picks Kerberos and asks for it
        byte[] ntlmOid = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};
        byte[] mechTypes = der(0xa0, der(0x30, der(0x06, ntlmOid), der(0x06, TokenKind.KRB5_OID)));
        byte[] mechToken = der(0xa2, der(0x04, new io.authcert.security.ntlm.NtlmClient().negotiate()));
        byte[] init = der(0x60, der(0x06, TokenKind.SPNEGO_OID), der(0xa0, der(0x30, mechTypes, mechToken)));

        HttpResponse<String> first = post("Negotiate " + b64(init), "");
        assertThat(first.statusCode()).isEqualTo(401);
        String leg = first.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(TokenKind.of(Base64.getDecoder().decode(leg.substring("Negotiate ".length()))))
                .isEqualTo(TokenKind.SPNEGO_CONTINUATION);

        GSSContext client = initiator(GssHandshake.KRB5, EX01);
        byte[] negTokenResp = der(0xa1, der(0x30, der(0xa2, der(0x04, firstToken(client)))));
        HttpResponse<String> second = post("Negotiate " + b64(negTokenResp), CREATE);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("<rsp:ShellId>");
        assertThat(lastLogon().logon().method()).isEqualTo("SPNEGO/Kerberos");
    }

    /** A DER element (short or two-byte long form length). */
    private static byte[] der(int tag, byte[]... content) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (byte[] c : content) {
            body.writeBytes(c);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    @Test
    void aTamperedTicketAndAReplayedOneAreRefused() throws Exception {
        start(WinRmConfig.basicOverHttp());
        byte[] token = firstToken(initiator(GssHandshake.KRB5, EX01));
        byte[] tampered = token.clone();
        tampered[tampered.length / 2] ^= 0x01;

        HttpResponse<String> bad = post("Negotiate " + b64(tampered), CREATE);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"WSMAN\"", "Negotiate",
                "Kerberos");
        assertThat(lastLogon().failure()).startsWith("Kerberos: ");

        assertThat(post("Negotiate " + b64(token), CREATE).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = post("Negotiate " + b64(token), CREATE);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(lastLogon().failure()).containsIgnoringCase("replay");
    }

    @Test
    void withoutKerberosSettingsATicketGetsTheSame401AsEveryUnauthenticatedRequest() throws Exception {
        start(WinRmConfig.windowsDefaults(), null, domain("administrator"), "ex01");

        HttpResponse<String> r = post("Negotiate " + b64(firstToken(initiator(GssHandshake.KRB5, EX01))), "");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate", "Kerberos");
        assertThat(lastLogon().failure()).contains("without Kerberos settings");
    }

    @Test
    void aServerWithKerberosOffRefusesItUnderEitherScheme() throws Exception {
        start(new WinRmConfig(false, false, List.of("negotiate")));

        HttpResponse<String> negotiate = post("Negotiate " + b64(firstToken(initiator(GssHandshake.KRB5, EX01))), "");
        assertThat(negotiate.statusCode()).isEqualTo(401);
        assertThat(negotiate.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate");
        assertThat(lastLogon().failure()).isEqualTo("Auth/Kerberos is off on this server");

        assertThat(post("Kerberos " + b64(firstToken(initiator(GssHandshake.KRB5, EX01))), "").statusCode())
                .isEqualTo(401);
        assertThat(lastLogon().failure()).isEqualTo("Auth/Kerberos is off on this server");
    }

    @Test
    void aPrincipalWithoutALabAccountIsRefused() throws Exception {
        start(WinRmConfig.basicOverHttp(), settings(), domain("exadmin"), "ex01");

        HttpResponse<String> r = post("Negotiate " + b64(firstToken(initiator(GssHandshake.KRB5, EX01))), CREATE);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(lastLogon().failure()).isEqualTo(kdc.userPrincipal() + " has no account in the lab's domain CONTOSO.LOCAL");
    }

    @Test
    void ntlmUnderTheKerberosSchemeIsRefused() throws Exception {
        start(WinRmConfig.basicOverHttp());
        byte[] ntlm = new io.authcert.security.ntlm.NtlmClient().negotiate();

        assertThat(post("Kerberos " + b64(ntlm), "").statusCode()).isEqualTo(401);
        assertThat(lastLogon().failure()).isEqualTo("a token of kind NTLM is not accepted under Authorization: Kerberos");
    }

    @Test
    void aKeytabWithoutAServersKeyStopsTheLabAtStartWithTheFix() {
        assertThatThrownBy(() -> start(WinRmConfig.windowsDefaults(), settings(), domain("administrator"), "ex01", "ex09"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no key for HTTP/ex09.contoso.local@CONTOSO.LOCAL")
                .hasMessageContaining("ktadd -k " + keytab + " HTTP/ex09.contoso.local@CONTOSO.LOCAL");
        assertThatThrownBy(() -> start(WinRmConfig.windowsDefaults(),
                new KerberosSettings(keytab.resolveSibling("missing.keytab"), null, null), domain("administrator"), "ex01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a readable file");
        assertThatThrownBy(() -> start(WinRmConfig.windowsDefaults(),
                new KerberosSettings(keytab, null, keytab.resolveSibling("other-krb5.conf")), domain("administrator"), "ex01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a file");
    }
}
