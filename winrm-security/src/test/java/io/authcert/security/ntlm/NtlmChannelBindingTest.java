package io.authcert.security.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MsvAvChannelBindings end to end between our client and server: what the client puts in the
 * AUTHENTICATE, and how each CbtHardeningLevel judges right, wrong (another certificate, as a TLS
 * man-in-the-middle presents) and missing bindings.
 */
class NtlmChannelBindingTest {

    private static ChannelBindings server;
    private static ChannelBindings mitm;

    @BeforeAll
    static void certificates() throws Exception {
        server = bindings("rsa-sha256.pem");
        mitm = bindings("ecdsa-sha384.pem");
    }

    private static ChannelBindings bindings(String name) throws Exception {
        try (InputStream in = NtlmChannelBindingTest.class.getResourceAsStream("/cbt/" + name)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return ChannelBindings.tlsServerEndPoint(c).orElseThrow();
        }
    }

    /** The AUTHENTICATE a client sends with {@code clientBindings} to a fresh server's CHALLENGE. */
    private static byte[] logOn(NtlmServer s, ChannelBindings clientBindings) {
        NtlmClient client = new NtlmClient();
        byte[] challenge = s.challenge(client.negotiate());
        return client.authenticate(challenge, "administrator", "CONTOSO", "Lab-Passw0rd!".toCharArray(), clientBindings);
    }

    private static NtlmServer at(CbtHardeningLevel level) {
        return new NtlmServer(NtlmHandshakeTest.ACCOUNTS, NtlmHandshakeTest.TARGET, level, server);
    }

    private static NtlmAuthenticated handshake(CbtHardeningLevel level, ChannelBindings clientBindings) {
        NtlmServer s = at(level);
        return s.authenticate(logOn(s, clientBindings));
    }

    @Test
    void theClientPutsTheStructsMd5BesideTheMicFlag() {
        AuthenticateMessage a = AuthenticateMessage.parse(logOn(at(CbtHardeningLevel.NONE), server));
        AvPairs info = a.clientTargetInfo();
        assertThat(info.get(AvPairs.CHANNEL_BINDINGS)).hasValue(server.md5());
        assertThat(info.flags() & AvPairs.FLAG_MIC_PRESENT).isNotZero();
        assertThat(info.get(AvPairs.TARGET_NAME)).as("as ntlm-auth: no MsvAvTargetName").isEmpty();
        assertThat(a.mic()).hasSize(16);
    }

    @Test
    void withoutBindingsTheClientSendsNoChannelBindingsPair() {
        AuthenticateMessage a = AuthenticateMessage.parse(logOn(at(CbtHardeningLevel.NONE), null));
        assertThat(a.clientTargetInfo().get(AvPairs.CHANNEL_BINDINGS)).isEmpty();
    }

    @Test
    void theRightBindingsLogOnAtEveryLevel() {
        for (CbtHardeningLevel level : CbtHardeningLevel.values()) {
            assertThat(handshake(level, server).user()).as(level.name()).isEqualTo("administrator");
        }
    }

    @Test
    void bindingsOfAnotherCertificateAreRefusedUnderRelaxedAndStrict() {
        for (CbtHardeningLevel level : new CbtHardeningLevel[] {CbtHardeningLevel.RELAXED, CbtHardeningLevel.STRICT}) {
            assertThatThrownBy(() -> handshake(level, mitm)).as(level.name()).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("logon failure").hasMessageContaining("TLS certificate");
        }
        assertThat(handshake(CbtHardeningLevel.NONE, mitm).user()).isEqualTo("administrator");
    }

    @Test
    void noBindingsAreRefusedUnderStrictOnly() {
        assertThatThrownBy(() -> handshake(CbtHardeningLevel.STRICT, null)).isInstanceOf(NtlmException.class)
                .hasMessageContaining("no channel bindings");
        assertThat(handshake(CbtHardeningLevel.RELAXED, null).user()).isEqualTo("administrator");
        assertThat(handshake(CbtHardeningLevel.NONE, null).user()).isEqualTo("administrator");
    }

    @Test
    void aRelayCannotZeroTheBindingsBecauseTheProofCoversThem() {
        NtlmServer s = at(CbtHardeningLevel.RELAXED);
        byte[] auth = logOn(s, mitm);
        byte[] md5 = mitm.md5();
        int at = indexOf(auth, md5);
        assertThat(at).isPositive();
        java.util.Arrays.fill(auth, at, at + 16, (byte) 0);
        assertThatThrownBy(() -> s.authenticate(auth)).isInstanceOf(NtlmException.class)
                .hasMessageContaining("bad password");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
