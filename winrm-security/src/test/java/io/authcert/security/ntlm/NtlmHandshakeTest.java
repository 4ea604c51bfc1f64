package io.authcert.security.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.SealedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our client against our server: the handshake with MIC, both directions sealed, and the refusals. */
class NtlmHandshakeTest {

    static final NtlmTarget TARGET = new NtlmTarget("CONTOSO", "EX01", "contoso.local", "ex01.contoso.local");
    static final PasswordLookup ACCOUNTS = (domain, user) ->
            "CONTOSO".equalsIgnoreCase(domain) && "administrator".equalsIgnoreCase(user)
                    ? Optional.of("Lab-Passw0rd!".toCharArray()) : Optional.empty();

    private static NtlmAuthenticated handshake(NtlmClient client, String user, String domain, String password) {
        NtlmServer server = new NtlmServer(ACCOUNTS, TARGET);
        byte[] challenge = server.challenge(client.negotiate());
        return server.authenticate(client.authenticate(challenge, user, domain, password.toCharArray()));
    }

    @Test
    void authenticatesAndSealsBothWays() {
        NtlmClient client = new NtlmClient();
        NtlmAuthenticated who = handshake(client, "Administrator", "CONTOSO", "Lab-Passw0rd!");
        assertThat(who.user()).isEqualTo("Administrator");
        assertThat(who.domain()).isEqualTo("CONTOSO");
        for (int i = 0; i < 3; i++) {
            byte[] request = ("<s:Envelope>request " + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            SealedMessage sealed = client.session().seal(request);
            assertThat(sealed.ciphertext()).isNotEqualTo(request);
            assertThat(who.session().unseal(sealed)).isEqualTo(request);
            byte[] response = ("<s:Envelope>response " + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
            assertThat(client.session().unseal(who.session().seal(response))).isEqualTo(response);
        }
    }

    @Test
    void challengeCarriesTimestampSoTheClientSendsAMic() {
        NtlmClient client = new NtlmClient();
        NtlmServer server = new NtlmServer(ACCOUNTS, TARGET);
        ChallengeMessage challenge = ChallengeMessage.parse(server.challenge(client.negotiate()));
        assertThat(challenge.targetInfo().get(AvPairs.TIMESTAMP)).isPresent();
        assertThat(challenge.targetInfo().text(AvPairs.DNS_DOMAIN_NAME)).contains("contoso.local");
        AuthenticateMessage a = AuthenticateMessage.parse(
                client.authenticate(challenge.encoded(), "administrator", "CONTOSO", "Lab-Passw0rd!".toCharArray()));
        assertThat(a.mic()).hasSize(16);
        assertThat(a.clientTargetInfo().flags() & AvPairs.FLAG_MIC_PRESENT).isNotZero();
        assertThat(a.lmResponse()).containsOnly(0);
    }

    @Test
    void wrongPasswordIsRefusedWithoutNamingIt() {
        assertThatThrownBy(() -> handshake(new NtlmClient(), "administrator", "CONTOSO", "Wrong-Secret-1"))
                .isInstanceOf(NtlmException.class)
                .hasMessageNotContaining("Wrong-Secret-1")
                .hasMessageNotContaining("Lab-Passw0rd!");
    }

    @Test
    void unknownUserIsRefused() {
        assertThatThrownBy(() -> handshake(new NtlmClient(), "mallory", "CONTOSO", "Lab-Passw0rd!"))
                .isInstanceOf(NtlmException.class);
    }

    @Test
    void tamperedMicIsRefused() {
        NtlmClient client = new NtlmClient();
        NtlmServer server = new NtlmServer(ACCOUNTS, TARGET);
        byte[] challenge = server.challenge(client.negotiate());
        byte[] auth = client.authenticate(challenge, "administrator", "CONTOSO", "Lab-Passw0rd!".toCharArray());
        auth[AuthenticateMessage.MIC_OFFSET] ^= 1;
        assertThatThrownBy(() -> server.authenticate(auth)).isInstanceOf(NtlmException.class).hasMessageContaining("MIC");
    }

    @Test
    void tamperedCiphertextFailsTheSignature() {
        NtlmClient client = new NtlmClient();
        NtlmAuthenticated who = handshake(client, "administrator", "CONTOSO", "Lab-Passw0rd!");
        SealedMessage sealed = client.session().seal("Get-AuthConfig".getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[0] ^= 1;
        assertThatThrownBy(() -> who.session().unseal(new SealedMessage(sealed.signature(), ciphertext)))
                .isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void replayedMessageFailsTheSequenceNumber() {
        NtlmClient client = new NtlmClient();
        NtlmAuthenticated server = handshake(client, "administrator", "CONTOSO", "Lab-Passw0rd!");
        SealedMessage first = client.session().seal("one".getBytes(StandardCharsets.UTF_8));
        server.session().unseal(first);
        assertThatThrownBy(() -> server.session().unseal(first)).isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void signAndVerifyWithoutSealing() {
        NtlmClient client = new NtlmClient();
        NtlmAuthenticated server = handshake(client, "administrator", "CONTOSO", "Lab-Passw0rd!");
        byte[] message = "in clear".getBytes(StandardCharsets.UTF_8);
        byte[] signature = client.session().sign(message);
        server.session().verify(message, signature);
        byte[] second = client.session().sign(message);
        message[0] ^= 1;
        assertThatThrownBy(() -> server.session().verify(message, second)).isInstanceOf(MessageIntegrityException.class);
    }

    @Test
    void ntlmV1OnlyClientIsRefusedAtNegotiate() {
        NtlmServer server = new NtlmServer(ACCOUNTS, TARGET);
        byte[] v1 = NegotiateMessage.of(NtlmFlags.UNICODE | NtlmFlags.NTLM).encoded();
        assertThatThrownBy(() -> server.challenge(v1)).isInstanceOf(NtlmException.class);
    }

    @Test
    void noSecretInToString() {
        NtlmClient client = new NtlmClient();
        NtlmAuthenticated who = handshake(client, "administrator", "CONTOSO", "Lab-Passw0rd!");
        assertThat(who.toString() + client + who.session()).doesNotContain("Lab-Passw0rd!").contains("administrator");
    }
}
