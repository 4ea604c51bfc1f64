package io.authcert.transport.winrm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.kerberos.KerberosSealer;
import io.authcert.security.wsman.EncryptedBody;
import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.Target.KinitMode;
import io.authcert.transport.winrm.KdcLog;
import io.authcert.transport.winrm.kerberos.KerberosException;
import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.kerberos.KerberosUser;
import io.authcert.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's Kerberos authenticator against a JGSS acceptor holding HTTP/ex01's keytab from a real
 * KDC: the handshake and the sealing both ways from each source of credentials (password, kinit ticket
 * cache, client keytab), delegation, and each failure with a message that says what to change.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KerberosAuthenticatorIT {

    private static final String HOST = "ex01.contoso.local";
    private static final String SERVICE = "HTTP@" + HOST;
    private static final String SOAP = "<s:Envelope><s:Body>Get-AuthConfig</s:Body></s:Envelope>";

    private Kdc kdc;
    private Subject service;
    @TempDir
    Path temp;

    @BeforeEach
    void realm(Kdc kdc) throws Exception {
        this.kdc = kdc;
        kdc.useForJgss();
        service = Krb5Login.acceptor(kdc.servicePrincipal(HOST), kdc.serviceKeytab(HOST));
    }

    /** The server's side of one connection, as HTTP.sys answers: 200 with its AP-REP under Negotiate. */
    private final class Acceptor {
        final GSSContext context;
        KerberosSealer sealer;

        Acceptor() throws Exception {
            context = GssHandshake.acceptor(service);
        }

        HttpResponse accept(String authorization) throws Exception {
            assertThat(authorization).startsWith("Negotiate ");
            byte[] token = Base64.getDecoder().decode(authorization.substring("Negotiate ".length()));
            assertThat(token[0]).as("a raw Kerberos GSS token, as requests_kerberos sends").isEqualTo((byte) 0x60);
            byte[] reply = GssHandshake.as(service, () -> context.acceptSecContext(token, 0, token.length));
            assertThat(context.isEstablished()).isTrue();
            sealer = new KerberosSealer(context);
            return answer(200, "Negotiate " + Base64.getEncoder().encodeToString(reply));
        }
    }

    private static HttpResponse answer(int status, String... wwwAuthenticate) {
        return new HttpResponse(status, Map.of("www-authenticate", List.of(wwwAuthenticate)), new byte[0]);
    }

    private KerberosAuthenticator authenticator(KerberosLogins logins, KerberosUser user, boolean delegate, boolean encrypt) {
        KerberosAuthenticator a = new KerberosAuthenticator(logins, user, SERVICE, delegate, encrypt);
        a.connectionOpened();
        return a;
    }

    private KerberosUser withPassword(String password) {
        return new KerberosUser(kdc.userPrincipal(), Secret.of(password), KinitMode.MANAGED);
    }

    /** Handshake over HTTP with encryption, then one request and one answer sealed; returns the acceptor. */
    private Acceptor handshakeAndSeal(KerberosAuthenticator client) throws Exception {
        assertThat(client.handshakePending()).as("nothing but the token before the server proved itself").isTrue();
        Acceptor server = new Acceptor();
        client.answered(server.accept(client.authorization().orElseThrow()));
        assertThat(client.handshakePending()).isFalse();
        assertThat(client.authorization()).as("no Authorization header once the connection is authenticated").isEmpty();

        MessageSealing sealing = client.sealing().orElseThrow();
        byte[] request = sealing.seal(SOAP.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(request, StandardCharsets.ISO_8859_1)).doesNotContain("Get-AuthConfig")
                .contains("application/HTTP-SPNEGO-session-encrypted");
        assertThat(new String(EncryptedBody.decode(server.sealer, request), StandardCharsets.UTF_8)).isEqualTo(SOAP);
        byte[] response = EncryptedBody.encode(server.sealer, "<s:Envelope>done</s:Envelope>".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(sealing.unseal(response, EncryptedBody.CONTENT_TYPE), StandardCharsets.UTF_8))
                .isEqualTo("<s:Envelope>done</s:Envelope>");
        return server;
    }

    @Test
    void withThePasswordBothSidesAuthenticateAndSealBothWays() throws Exception {
        Acceptor server = handshakeAndSeal(authenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD), false, true));
        assertThat(server.context.getSrcName().toString()).isEqualTo(kdc.userPrincipal());
        assertThat(server.context.getCredDelegState()).as("no delegation unless asked").isFalse();
    }

    @Test
    void withoutEncryptionTheTokenGoesWithTheFirstMessageAndItsAnswerIsChecked() throws Exception {
        KerberosAuthenticator client = authenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD), false, false);
        assertThat(client.handshakePending()).as("HTTPS: the first message carries the token").isFalse();
        client.answered(new Acceptor().accept(client.authorization().orElseThrow()));
        assertThat(client.sealing()).as("TLS protects the bodies").isEmpty();
        assertThat(client.authorization()).isEmpty();
    }

    @Test
    void fromTheKinitTicketCacheOfKrb5ccname() throws Exception {
        kdc.kinit();
        KerberosLogins logins = new KerberosLogins(kdc.clientEnvironment());
        Acceptor named = handshakeAndSeal(authenticator(logins, new KerberosUser(kdc.userPrincipal(), null,
                KinitMode.MANUAL), false, true));
        assertThat(named.context.getSrcName().toString()).isEqualTo(kdc.userPrincipal());
        Acceptor anyone = handshakeAndSeal(authenticator(logins, new KerberosUser(null, null, KinitMode.MANUAL), false, true));
        assertThat(anyone.context.getSrcName().toString()).as("no ansible_user: whoever the cache holds")
                .isEqualTo(kdc.userPrincipal());
    }

    @Test
    void fromAClientKeytabWhenThereIsNoTicketCache() throws Exception {
        String principal = "svc-keytab@" + kdc.realm();
        Path keytab = temp.resolve("client.keytab");
        kdc.runClient("", "/usr/sbin/kadmin.local", "-r", kdc.realm(), "-q", "addprinc -randkey " + principal);
        kdc.runClient("", "/usr/sbin/kadmin.local", "-r", kdc.realm(), "-q", "ktadd -k " + keytab + " " + principal);
        KerberosLogins logins = new KerberosLogins(Map.of("KRB5CCNAME", "FILE:" + temp.resolve("no-cache"),
                "KRB5_CLIENT_KTNAME", "FILE:" + keytab));
        Acceptor server = handshakeAndSeal(authenticator(logins, new KerberosUser(principal, null, KinitMode.MANUAL), false, true));
        assertThat(server.context.getSrcName().toString()).isEqualTo(principal);
    }

    @Test
    void delegationHandsTheUsersTicketToTheServer() throws Exception {
        KerberosAuthenticator client = authenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD), true, true);
        Acceptor server = handshakeAndSeal(client);
        assertThat(server.context.getCredDelegState()).isTrue();
        assertThat(server.context.getDelegCred().getName().toString()).isEqualTo(kdc.userPrincipal());
        assertThat(client.delegated()).isTrue();
    }

    @Test
    void delegationWithATicketThatCannotBeForwardedIsRefusedBeforeAnythingIsSent() throws Exception {
        Path cache = temp.resolve("not-forwardable");
        kdc.runClient(Kdc.PASSWORD + "\n", "kinit", "-F", "-c", "FILE:" + cache, kdc.userPrincipal());
        KerberosLogins logins = new KerberosLogins(Map.of("KRB5CCNAME", "FILE:" + cache));
        KerberosAuthenticator client = authenticator(logins, new KerberosUser(kdc.userPrincipal(), null, KinitMode.MANUAL),
                true, true);
        assertThatThrownBy(client::authorization).isInstanceOfSatisfying(KerberosException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
            assertThat(e.getMessage()).contains("ansible_winrm_kerberos_delegation", "not forwardable", "kinit -f",
                    "forwardable = true");
        });
    }

    @Test
    void aWrongPasswordIsRefusedOnceInARunAndNeverShown() throws Exception {
        String wrong = "Wr0ng-Passw0rd!";
        KerberosLogins logins = new KerberosLogins(Map.of());
        assertThatThrownBy(() -> authenticator(logins, withPassword(wrong), false, true).authorization())
                .isInstanceOfSatisfying(KerberosException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOGON_REFUSED);
                    assertThat(e.getMessage()).contains(kdc.userPrincipal(), "check ansible_password")
                            .doesNotContain(wrong).doesNotContain(Kdc.PASSWORD);
                });
        int logLines = KdcLog.lines(kdc).size();
        assertThatThrownBy(() -> authenticator(logins, withPassword(wrong), false, true).authorization())
                .as("the next connection of the run").isInstanceOf(KerberosException.class)
                .hasMessageContaining("not tried again").hasMessageNotContaining(wrong);
        assertThat(KdcLog.lines(kdc)).as("the KDC was not asked again").hasSize(logLines);
    }

    @Test
    void aKdcRequiringPreAuthenticationAsActiveDirectoryDoesSaysSo() throws Exception {
        String principal = "svc-preauth@" + kdc.realm();
        kdc.runClient("", "/usr/sbin/kadmin.local", "-r", kdc.realm(), "-q",
                "addprinc -pw Right-Passw0rd! +requires_preauth " + principal);
        KerberosUser user = new KerberosUser(principal, Secret.of("Wr0ng-Passw0rd!"), KinitMode.MANAGED);
        assertThatThrownBy(() -> authenticator(new KerberosLogins(Map.of()), user, false, true).authorization())
                .isInstanceOfSatisfying(KerberosException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOGON_REFUSED);
                    assertThat(e.getMessage()).contains("the KDC refused the password of " + principal,
                            "KDC error 24", "check ansible_password").doesNotContain("Passw0rd!");
                });
    }

    @Test
    void theRightPasswordLogsOnOncePerRunForAllConnections() throws Exception {
        KerberosLogins logins = new KerberosLogins(Map.of());
        long before = KdcLog.ticketGrantingTicketsIssued(kdc, kdc.userPrincipal());
        for (int connection = 0; connection < 3; connection++) {
            handshakeAndSeal(authenticator(logins, withPassword(Kdc.PASSWORD), false, true));
        }
        assertThat(KdcLog.ticketGrantingTicketsIssued(kdc, kdc.userPrincipal()) - before).as("AS exchanges for three connections").isEqualTo(1);
    }

    @Test
    void noPasswordAndNoTicketSaysToRunKinitOrSetAPassword() {
        Path missing = temp.resolve("krb5cc_missing");
        KerberosLogins logins = new KerberosLogins(Map.of("KRB5CCNAME", "FILE:" + missing));
        assertThatThrownBy(() -> authenticator(logins, new KerberosUser(kdc.userPrincipal(), null, KinitMode.MANUAL),
                false, true).authorization()).isInstanceOfSatisfying(KerberosException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS);
                    assertThat(e.getMessage()).contains(missing.toString(), "does not exist",
                            "kinit " + kdc.userPrincipal(), "ansible_password");
                });
    }

    @Test
    void aTicketCacheOfSomeoneElseIsNamed() throws Exception {
        kdc.kinit();
        KerberosLogins logins = new KerberosLogins(kdc.clientEnvironment());
        String other = "svc-other@" + kdc.realm();
        assertThatThrownBy(() -> authenticator(logins, new KerberosUser(other, null, KinitMode.MANUAL), false, true)
                .authorization()).isInstanceOfSatisfying(KerberosException.class, e ->
                assertThat(e.getMessage()).contains("holds tickets of " + kdc.userPrincipal() + ", not " + other,
                        "kinit " + other));
    }

    @Test
    void aCacheTypeJavaCannotReadIsRefusedSayingWhatToUse() {
        KerberosLogins logins = new KerberosLogins(Map.of("KRB5CCNAME", "KEYRING:persistent:1000"));
        assertThatThrownBy(() -> authenticator(logins, new KerberosUser(kdc.userPrincipal(), null, KinitMode.MANUAL),
                false, true).authorization()).isInstanceOfSatisfying(KerberosException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("KEYRING", "only FILE:", "kinit -c FILE:");
                });
    }

    @Test
    void aServiceTheKdcDoesNotKnowIsNamedWithTheOverrideToSet() {
        KerberosAuthenticator client = new KerberosAuthenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD),
                "HTTP@ex09.contoso.local", false, true);
        assertThatThrownBy(client::authorization).isInstanceOfSatisfying(KerberosException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SERVICE);
            assertThat(e.getMessage()).contains("HTTP/ex09.contoso.local", "KDC error 7",
                    "ansible_winrm_kerberos_hostname_override", "setspn");
        });
    }

    @Test
    void aTicketForAnotherServerIsRefusedByItAndNotRetried() throws Exception {
        KerberosAuthenticator client = new KerberosAuthenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD),
                "HTTP@ex02.contoso.local", false, true);
        String header = client.authorization().orElseThrow();
        byte[] token = Base64.getDecoder().decode(header.substring("Negotiate ".length()));
        GSSContext ex01 = GssHandshake.acceptor(service);
        assertThatThrownBy(() -> GssHandshake.as(service, () -> ex01.acceptSecContext(token, 0, token.length)))
                .as("ex01 cannot decrypt a ticket for ex02").hasRootCauseMessage("Checksum failed");
        assertThat(client.challenge(List.of("Negotiate", "Kerberos"))).as("the server's 401: another token would not help")
                .isFalse();
        assertThat(client.sealing()).isEmpty();
    }

    @Test
    void aForgedMutualAuthenticationAnswerIsRefusedAndNothingMoreIsSent() throws Exception {
        KerberosLogins logins = new KerberosLogins(Map.of());
        KerberosAuthenticator first = authenticator(logins, withPassword(Kdc.PASSWORD), false, true);
        HttpResponse genuine = new Acceptor().accept(first.authorization().orElseThrow());
        first.answered(genuine);

        String junk = Base64.getEncoder().encodeToString(new byte[] {0x60, 0x03, 0x06, 0x01, 0x00});
        for (HttpResponse forged : List.of(genuine, answer(200), answer(200, "Negotiate " + junk),
                answer(200, "Negotiate not-base64!"))) {
            KerberosAuthenticator client = authenticator(logins, withPassword(Kdc.PASSWORD), false, true);
            client.authorization().orElseThrow();
            assertThatThrownBy(() -> client.answered(forged)).as("replayed, missing, junk, not Base64")
                    .isInstanceOfSatisfying(KerberosException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MUTUAL_AUTHENTICATION_FAILED);
                        assertThat(e.getMessage()).contains("did not prove that it is HTTP/" + HOST,
                                "nothing more was sent").doesNotContain(Kdc.PASSWORD);
                    });
            assertThat(client.sealing()).isEmpty();
            assertThat(client.handshakePending()).isTrue();
        }
    }

    @Test
    void anErrorAnswerWithoutATokenPassesButTheNextRequestStartsOver() throws Exception {
        KerberosAuthenticator client = authenticator(new KerberosLogins(Map.of()), withPassword(Kdc.PASSWORD), false, false);
        client.authorization().orElseThrow();
        client.answered(answer(500));
        assertThat(client.authorization()).as("a fresh token, as requests_kerberos lets an error through unauthenticated")
                .isPresent();
    }

}
