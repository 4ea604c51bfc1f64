package io.authcert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class JgssIT {

    @Test
    void aJavaInitiatorAndAJavaAcceptorAuthenticateMutuallyDelegateAndSealBothWays(Kdc kdc) throws Exception {
        String host = "ex01.contoso.local";
        Subject user = Krb5Login.withPassword(kdc.userPrincipal(), Kdc.PASSWORD.toCharArray());
        Subject service = Krb5Login.acceptor(kdc.servicePrincipal(host), kdc.serviceKeytab(host));
        GSSContext client = GssHandshake.initiator(user, "HTTP@" + host);
        GSSContext server = GssHandshake.acceptor(service);

        byte[] token = GssHandshake.as(user, () -> client.initSecContext(new byte[0], 0, 0));
        while (!client.isEstablished()) {
            byte[] in = token;
            byte[] reply = GssHandshake.as(service, () -> server.acceptSecContext(in, 0, in.length));
            token = GssHandshake.as(user, () -> client.initSecContext(reply, 0, reply.length));
        }

        assertThat(server.isEstablished()).isTrue();
        assertThat(client.getMutualAuthState()).isTrue();
        assertThat(server.getSrcName().toString()).isEqualTo(kdc.userPrincipal());
        assertThat(server.getTargName().toString()).isEqualTo(kdc.servicePrincipal(host));
        assertThat(server.getCredDelegState()).isTrue();
        assertThat(server.getDelegCred().getName().toString()).isEqualTo(kdc.userPrincipal());

        assertThat(seal(client, server, "Get-AuthConfig")).isEqualTo("Get-AuthConfig");
        assertThat(seal(server, client, "<s:Envelope/>")).isEqualTo("<s:Envelope/>");
    }

    private static String seal(GSSContext from, GSSContext to, String text) throws Exception {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = from.wrap(plain, 0, plain.length, new MessageProp(0, true));
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain(text);
        MessageProp prop = new MessageProp(0, false);
        byte[] unwrapped = to.unwrap(wrapped, 0, wrapped.length, prop);
        assertThat(prop.getPrivacy()).as("confidentiality").isTrue();
        return new String(unwrapped, StandardCharsets.UTF_8);
    }
}
