package io.authcert.security.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.security.wsman.SealedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * MS-NLMP 4.2.4 (NTLMv2 authentication) reproduced exactly: user "User", domain "Domain", password
 * "Password", server challenge 0123456789abcdef, client challenge aa×8, random session key 55×16, time 0.
 * Expected values are the spec's, as reproduced in public NTLM test suites (go-ntlmssp, sipe, ntlm-auth).
 */
class NtlmV2TestVectorsTest {

    static final byte[] SERVER_CHALLENGE = Hex.bytes("0123456789abcdef");
    static final byte[] CLIENT_CHALLENGE = Hex.bytes("aaaaaaaaaaaaaaaa");
    static final byte[] RANDOM_SESSION_KEY = Hex.bytes("55555555555555555555555555555555");
    /** 4.2.4.1.3: the CHALLENGE's flags (33 82 8a e2). */
    static final int CHALLENGE_FLAGS = 0xe28a8233;
    /** MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server". */
    static final String TARGET_INFO = "02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000";
    static final String TEMP = "01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000" + TARGET_INFO + "00000000";
    static final Clock EPOCH_1601 = Clock.fixed(Instant.parse("1601-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** 4.2.4.3: the AUTHENTICATE_MESSAGE (workstation "COMPUTER", no MIC). */
    static final String AUTHENTICATE = "4e544c4d5353500003000000180018006c00000054005400840000000c000c0048000000"
            + "0800080054000000100010005c00000010001000d8000000358288e20501280a0000000f"
            + "44006f006d00610069006e00550073006500720043004f004d0050005500540045005200"
            + "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"
            + "68cd0ab851e51c96aabc927bebef6a1c" + TEMP + "c5dad2544fc9799094ce1ce90bc9d03e";

    static final IntFunction<byte[]> SPEC_RANDOM = n -> n == 8 ? CLIENT_CHALLENGE.clone() : RANDOM_SESSION_KEY.clone();

    private static byte[] ntowf() {
        return NtlmCrypto.ntowfV2("Password".toCharArray(), "User", "Domain");
    }

    @Test
    void ntowfV2() {
        assertThat(Hex.of(ntowf())).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void lmV2Response() {
        assertThat(Hex.of(NtlmCrypto.lmV2Response(ntowf(), SERVER_CHALLENGE, CLIENT_CHALLENGE)))
                .isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
    }

    @Test
    void ntlmV2ResponseAndSessionBaseKey() {
        byte[] blob = NtlmCrypto.ntlmV2Blob(0, CLIENT_CHALLENGE, Hex.bytes(TARGET_INFO));
        assertThat(Hex.of(blob)).isEqualTo(TEMP);
        byte[] proof = NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, blob);
        assertThat(Hex.of(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        assertThat(Hex.of(NtlmCrypto.sessionBaseKey(ntowf(), proof))).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
    }

    @Test
    void encryptedSessionKeyAndDerivedKeys() {
        byte[] keyExchangeKey = Hex.bytes("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(Hex.of(Rc4.once(keyExchangeKey, RANDOM_SESSION_KEY))).isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
        assertThat(Hex.of(NtlmCrypto.signKey(RANDOM_SESSION_KEY, true))).isEqualTo("4788dc861b4782f35d43fd98fe1a2d39");
        assertThat(Hex.of(NtlmCrypto.signKey(RANDOM_SESSION_KEY, false))).isEqualTo("d04d6f10741041d1d246d64188d7a8ad");
        assertThat(Hex.of(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, CHALLENGE_FLAGS, true)))
                .isEqualTo("59f600973cc4960a25480a7c196e4c58");
        assertThat(Hex.of(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, CHALLENGE_FLAGS, false)))
                .isEqualTo("9355f3a957c1583d25c4c2f11e40390e");
    }

    @Test
    void sealOfPlaintext() {
        // 4.2.4.4: SEAL("Plaintext" in UTF-16LE) with the client's keys, sequence number 0.
        NtlmSession client = NtlmSession.client(CHALLENGE_FLAGS, RANDOM_SESSION_KEY);
        SealedMessage sealed = client.seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        assertThat(Hex.of(sealed.ciphertext())).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
        assertThat(Hex.of(sealed.signature())).isEqualTo("010000007fb38ec5c55d497600000000");
    }

    @Test
    void serverUnsealsTheSpecMessage() {
        NtlmSession server = NtlmSession.server(CHALLENGE_FLAGS, RANDOM_SESSION_KEY);
        byte[] plain = server.unseal(new SealedMessage(Hex.bytes("010000007fb38ec5c55d497600000000"),
                Hex.bytes("54e50165bf1936dc996020c1811b0f06fb5f")));
        assertThat(new String(plain, StandardCharsets.UTF_16LE)).isEqualTo("Plaintext");
    }

    @Test
    void clientProducesTheSpecResponses() {
        NtlmClient client = new NtlmClient(NtlmFlags.CLIENT_DEFAULT, SPEC_RANDOM, EPOCH_1601);
        ChallengeMessage challenge = ChallengeMessage.of(CHALLENGE_FLAGS, SERVER_CHALLENGE, "Server",
                AvPairs.parse(Hex.bytes(TARGET_INFO)));
        AuthenticateMessage a = AuthenticateMessage.parse(
                client.authenticate(challenge.encoded(), "User", "Domain", "Password".toCharArray()));
        assertThat(Hex.of(a.lmResponse())).isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        assertThat(Hex.of(a.ntResponse())).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c" + TEMP);
        assertThat(Hex.of(a.encryptedRandomSessionKey())).isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
        assertThat(Hex.of(client.session().seal("Plaintext".getBytes(StandardCharsets.UTF_16LE)).ciphertext()))
                .isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
    }

    @Test
    void serverAcceptsTheSpecAuthenticateMessage() {
        NtlmServer server = new NtlmServer((d, u) -> "Domain".equals(d) && "User".equals(u)
                ? Optional.of("Password".toCharArray()) : Optional.empty(), null);
        server.useChallenge(ChallengeMessage.of(CHALLENGE_FLAGS, SERVER_CHALLENGE, "Server",
                AvPairs.parse(Hex.bytes(TARGET_INFO))));
        NtlmAuthenticated who = server.authenticate(Hex.bytes(AUTHENTICATE));
        assertThat(who.domain()).isEqualTo("Domain");
        assertThat(who.user()).isEqualTo("User");
        assertThat(who.workstation()).isEqualTo("COMPUTER");
        SealedMessage out = who.session().seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        NtlmSession client = NtlmSession.client(CHALLENGE_FLAGS, RANDOM_SESSION_KEY);
        assertThat(Arrays.equals(client.unseal(out), "Plaintext".getBytes(StandardCharsets.UTF_16LE))).isTrue();
    }
}
