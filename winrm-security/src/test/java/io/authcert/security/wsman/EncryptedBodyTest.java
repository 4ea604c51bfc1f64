package io.authcert.security.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.ntlm.NtlmAuthenticated;
import io.authcert.security.ntlm.NtlmClient;
import io.authcert.security.ntlm.NtlmServer;
import io.authcert.security.ntlm.NtlmTarget;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MS-WSMV 2.2.9.1 framing: pywinrm's exact layout, and round trips between client and server sessions. */
class EncryptedBodyTest {

    private NtlmClient client;
    private NtlmAuthenticated server;

    @BeforeEach
    void handshake() {
        client = new NtlmClient();
        NtlmServer s = new NtlmServer((d, u) -> Optional.of("pw".toCharArray()),
                new NtlmTarget("CONTOSO", "EX01", "contoso.local", "ex01.contoso.local"));
        byte[] challenge = s.challenge(client.negotiate());
        server = s.authenticate(client.authenticate(challenge, "administrator", "CONTOSO", "pw".toCharArray()));
    }

    @Test
    void layoutIsPywinrms() {
        byte[] soap = "<s:Envelope>Get-AuthConfig</s:Envelope>".getBytes(StandardCharsets.UTF_8);
        byte[] body = EncryptedBody.encode(client.session(), soap);
        String head = new String(body, 0, 240, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("--Encrypted Boundary\r\n"
                + "\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + soap.length + "\r\n"
                + "--Encrypted Boundary\r\n"
                + "\tContent-Type: application/octet-stream\r\n"
                + "\u0010\u0000\u0000\u0000\u0001\u0000\u0000\u0000");
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).endsWith("--Encrypted Boundary--\r\n")
                .doesNotContain("Get-AuthConfig");
        int headerLength = head.indexOf("octet-stream\r\n") + "octet-stream\r\n".length();
        assertThat(body.length).isEqualTo(headerLength + 4 + 16 + soap.length + "--Encrypted Boundary--\r\n".length());
    }

    @Test
    void roundTripsBothWays() {
        for (int i = 0; i < 5; i++) {
            byte[] request = ("request " + i + " --Encrypted Boundary inside").getBytes(StandardCharsets.UTF_8);
            assertThat(EncryptedBody.decode(server.session(), EncryptedBody.encode(client.session(), request)))
                    .isEqualTo(request);
            byte[] response = new byte[70_000 + i];
            Arrays.fill(response, (byte) 'x');
            assertThat(EncryptedBody.decode(client.session(), EncryptedBody.encode(server.session(), response)))
                    .isEqualTo(response);
        }
    }

    @Test
    void contentTypeIsRecognised() {
        assertThat(EncryptedBody.isEncrypted(EncryptedBody.CONTENT_TYPE)).isTrue();
        assertThat(EncryptedBody.isEncrypted("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";"
                + "boundary=\"Encrypted Boundary\"")).isTrue();
        assertThat(EncryptedBody.isEncrypted("application/soap+xml;charset=UTF-8")).isFalse();
        assertThat(EncryptedBody.isEncrypted(null)).isFalse();
    }

    @Test
    void theKerberosProtocolOfMsWsmv22912IsFramedAndRecognisedAlike() {
        String kerberos = "multipart/encrypted;protocol=\"application/HTTP-Kerberos-session-encrypted\";"
                + "boundary=\"Encrypted Boundary\"";
        assertThat(EncryptedBody.contentType(EncryptedBody.KERBEROS_PROTOCOL)).isEqualTo(kerberos);
        assertThat(EncryptedBody.protocolOf(kerberos)).isEqualTo(EncryptedBody.KERBEROS_PROTOCOL);
        assertThat(EncryptedBody.protocolOf(EncryptedBody.CONTENT_TYPE)).isEqualTo(EncryptedBody.SPNEGO_PROTOCOL);
        assertThat(EncryptedBody.protocolOf("multipart/encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\""))
                .isNull();
        byte[] soap = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        byte[] body = EncryptedBody.encode(client.session(), soap, EncryptedBody.KERBEROS_PROTOCOL);
        assertThat(new String(body, StandardCharsets.ISO_8859_1))
                .startsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n");
        assertThat(EncryptedBody.decode(server.session(), body)).isEqualTo(soap);
    }

    @Test
    void tamperedBodyIsRefused() {
        byte[] body = EncryptedBody.encode(client.session(), "hello world".getBytes(StandardCharsets.UTF_8));
        body[body.length - 30] ^= 1;
        assertThatThrownBy(() -> EncryptedBody.decode(server.session(), body)).isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void wrongLengthIsRefused() {
        byte[] body = EncryptedBody.encode(client.session(), "hello world".getBytes(StandardCharsets.UTF_8));
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("Length=11", "Length=12");
        assertThatThrownBy(() -> EncryptedBody.decode(server.session(), text.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void plainSoapIsNotAnEncryptedBody() {
        assertThatThrownBy(() -> EncryptedBody.decode(server.session(),
                "<s:Envelope/>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MessageIntegrityException.class);
    }
}
