package io.authcert.security.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.wsman.EncryptedBody;
import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.SealedMessage;
import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.nio.charset.StandardCharsets;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two JGSS contexts from a real KDC sealing WinRM bodies for each other, and refusing what was tampered with. */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KerberosSealerIT {
    private static final String HOST = "ex02.contoso.local";
    private KerberosSealer client;
    private KerberosSealer server;

    @BeforeEach
    void handshake(Kdc kdc) throws Exception {
        kdc.useForJgss();
        Subject user = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
        Subject service = Krb5Login.acceptor(kdc.servicePrincipal(HOST), kdc.serviceKeytab(HOST));
        GSSContext initiator = GssHandshake.initiator(user, "HTTP@" + HOST);
        GSSContext acceptor = GssHandshake.acceptor(service);
        byte[] token = GssHandshake.as(user, () -> initiator.initSecContext(new byte[0], 0, 0));
        byte[] reply = GssHandshake.as(service, () -> acceptor.acceptSecContext(token, 0, token.length));
        GssHandshake.as(user, () -> initiator.initSecContext(reply, 0, reply.length));
        client = new KerberosSealer(initiator);
        server = new KerberosSealer(acceptor);
    }

    @Test
    void framedBodiesTravelBothWaysInOrder() {
        for (int i = 0; i < 3; i++) {
            byte[] request = ("<s:Envelope>request " + i + " Set-AuthConfig</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            byte[] body = EncryptedBody.encode(client, request);
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain("Set-AuthConfig");
            assertThat(EncryptedBody.decode(server, body)).isEqualTo(request);
            byte[] response = ("<s:Envelope>response " + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            assertThat(EncryptedBody.decode(client, EncryptedBody.encode(server, response))).isEqualTo(response);
        }
    }

    @Test
    void aFlippedByteIsRefused() {
        SealedMessage sealed = client.seal("<s:Envelope/>".getBytes(StandardCharsets.UTF_8));
        byte[] data = sealed.ciphertext();
        data[data.length - 1] ^= 1;
        assertThatThrownBy(() -> server.unseal(new SealedMessage(sealed.signature(), data)))
                .isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void aMessageSealedForTheOtherDirectionIsRefused() {
        SealedMessage own = client.seal("<s:Envelope/>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client.unseal(own)).as("the initiator's own message reflected back")
                .isInstanceOf(MessageIntegrityException.class);
    }
}
