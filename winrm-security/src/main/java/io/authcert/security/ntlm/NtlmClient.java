package io.authcert.security.ntlm;

import io.authcert.security.cbt.ChannelBindings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The initiator of an NTLMv2 handshake (MS-NLMP 3.1.5): {@link #negotiate()}, then
 * {@link #authenticate} with the server's CHALLENGE; afterwards {@link #session()} seals messages.
 * One instance per handshake; it keeps no password.
 */
public final class NtlmClient {

    private final int requestedFlags;
    private final IntFunction<byte[]> random;
    private final Clock clock;
    private NegotiateMessage negotiate;
    private NtlmSession session;

    /** A client asking for {@link NtlmFlags#CLIENT_DEFAULT}, with secure randomness and the system clock. */
    public NtlmClient() {
        this(NtlmFlags.CLIENT_DEFAULT, secureRandom(), Clock.systemUTC());
    }

    /** A client with its own randomness and clock, for reproducing published test vectors. */
    public NtlmClient(int requestedFlags, IntFunction<byte[]> random, Clock clock) {
        this.requestedFlags = requestedFlags;
        this.random = random;
        this.clock = clock;
    }

    /** The NEGOTIATE_MESSAGE to send first. */
    public byte[] negotiate() {
        negotiate = NegotiateMessage.of(requestedFlags);
        return negotiate.encoded();
    }

    /**
     * The AUTHENTICATE_MESSAGE answering {@code challenge}, with an NTLMv2 response, key exchange and a
     * MIC when the server sent a timestamp; no channel bindings (plain HTTP).
     */
    public byte[] authenticate(byte[] challenge, String user, String domain, char[] password) {
        return authenticate(challenge, user, domain, password, null);
    }

    /**
     * The same, bound to the TLS channel it travels on: {@code bindings} (null for none) go into the
     * NTLMv2 blob's MsvAvChannelBindings (MS-NLMP 3.1.5.1.2), which the NTProofStr and the MIC cover, so
     * a man-in-the-middle terminating TLS with another certificate cannot relay the logon. Like
     * ntlm-auth (pywinrm) it sends no MsvAvTargetName: over HTTPS the bindings are what WinRM checks.
     */
    public byte[] authenticate(byte[] challenge, String user, String domain, char[] password, ChannelBindings bindings) {
        ChallengeMessage c = ChallengeMessage.parse(challenge);
        int flags = c.flags() & (requestedFlags | NtlmFlags.TARGET_TYPE_DOMAIN | NtlmFlags.TARGET_TYPE_SERVER);
        if (!NtlmFlags.has(flags, NtlmFlags.EXTENDED_SESSIONSECURITY) || !NtlmFlags.has(flags, NtlmFlags.UNICODE)) {
            throw new NtlmException("the server refused NTLMv2 with extended session security and Unicode");
        }
        byte[] responseKey = NtlmCrypto.ntowfV2(password, user, domain);
        byte[] clientChallenge = random.apply(8);
        AvPairs info = c.targetInfo();
        boolean mic = info.get(AvPairs.TIMESTAMP).isPresent();
        long time = info.get(AvPairs.TIMESTAMP).map(t -> java.nio.ByteBuffer.wrap(t)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()).orElse(NtlmCrypto.fileTime(clock.millis()));
        if (mic) {
            info = info.with(AvPairs.FLAGS, Le.u32(info.flags() | AvPairs.FLAG_MIC_PRESENT));
        }
        if (bindings != null) {
            info = info.with(AvPairs.CHANNEL_BINDINGS, bindings.md5());
        }
        byte[] blob = NtlmCrypto.ntlmV2Blob(time, clientChallenge, info.encode());
        byte[] proof = NtlmCrypto.ntProofStr(responseKey, c.serverChallenge(), blob);
        byte[] lm = mic ? new byte[24] : NtlmCrypto.lmV2Response(responseKey, c.serverChallenge(), clientChallenge);
        byte[] keyExchangeKey = NtlmCrypto.sessionBaseKey(responseKey, proof);
        byte[] exported = keyExchangeKey;
        byte[] encryptedKey = new byte[0];
        if (NtlmFlags.has(flags, NtlmFlags.KEY_EXCH)) {
            exported = random.apply(16);
            encryptedKey = Rc4.once(keyExchangeKey, exported);
        }
        AuthenticateMessage a = AuthenticateMessage.of(flags, lm, Le.concat(proof, blob), domain, user, "", encryptedKey,
                mic);
        if (mic) {
            byte[] negotiateBytes = negotiate == null ? new byte[0] : negotiate.encoded();
            a = a.withMic(NtlmCrypto.hmacMd5(exported, Le.concat(negotiateBytes, c.encoded(), a.encoded())));
        }
        session = NtlmSession.client(flags, exported);
        Arrays.fill(responseKey, (byte) 0);
        return a.encoded();
    }

    /** The session after {@link #authenticate}. */
    public NtlmSession session() {
        if (session == null) {
            throw new IllegalStateException("the NTLM handshake is not complete");
        }
        return session;
    }

    private static IntFunction<byte[]> secureRandom() {
        SecureRandom r = new SecureRandom();
        return n -> {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        };
    }

    static IntFunction<byte[]> defaultRandom() {
        return secureRandom();
    }

    @Override
    public String toString() {
        return "NtlmClient[" + (session == null ? "handshake" : "authenticated") + "]";
    }
}
