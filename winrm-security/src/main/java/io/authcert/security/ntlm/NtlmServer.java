package io.authcert.security.ntlm;

import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The acceptor of one NTLMv2 handshake (MS-NLMP 3.2.5): {@link #challenge} answers a NEGOTIATE, then
 * {@link #authenticate} checks the AUTHENTICATE against {@link PasswordLookup} and gives the session.
 * One instance per connection's handshake; NTLMv1 and anonymous logons are refused.
 */
public final class NtlmServer {

    private static final int SUPPORTED = NtlmFlags.UNICODE | NtlmFlags.REQUEST_TARGET | NtlmFlags.SIGN
            | NtlmFlags.SEAL | NtlmFlags.NTLM | NtlmFlags.ALWAYS_SIGN | NtlmFlags.EXTENDED_SESSIONSECURITY
            | NtlmFlags.VERSION | NtlmFlags.NEGOTIATE_128 | NtlmFlags.KEY_EXCH | NtlmFlags.NEGOTIATE_56;

    private final PasswordLookup accounts;
    private final NtlmTarget target;
    private final IntFunction<byte[]> random;
    private final Clock clock;
    private final CbtHardeningLevel hardening;
    private final ChannelBindings channel;
    private NegotiateMessage negotiate;
    private ChallengeMessage challenge;

    /** A server that ignores channel bindings (plain HTTP, or CbtHardeningLevel None). */
    public NtlmServer(PasswordLookup accounts, NtlmTarget target) {
        this(accounts, target, CbtHardeningLevel.NONE, null);
    }

    /**
     * A server on a TLS channel whose bindings are {@code channel} (null on plain HTTP), checking the
     * client's MsvAvChannelBindings as {@code hardening} says (MS-NLMP 3.2.5.1.2:
     * ServerChannelBindingsUnhashed, and ApplicationRequiresCBT for Strict).
     */
    public NtlmServer(PasswordLookup accounts, NtlmTarget target, CbtHardeningLevel hardening, ChannelBindings channel) {
        this(accounts, target, NtlmClient.defaultRandom(), Clock.systemUTC(), hardening, channel);
    }

    /** A server with its own randomness (the server challenge) and clock, for tests. */
    public NtlmServer(PasswordLookup accounts, NtlmTarget target, IntFunction<byte[]> random, Clock clock) {
        this(accounts, target, random, clock, CbtHardeningLevel.NONE, null);
    }

    private NtlmServer(PasswordLookup accounts, NtlmTarget target, IntFunction<byte[]> random, Clock clock,
                       CbtHardeningLevel hardening, ChannelBindings channel) {
        this.accounts = accounts;
        this.target = target;
        this.random = random;
        this.clock = clock;
        this.hardening = hardening;
        this.channel = channel;
    }

    /** The CHALLENGE_MESSAGE answering {@code negotiateMessage}. */
    public byte[] challenge(byte[] negotiateMessage) {
        negotiate = NegotiateMessage.parse(negotiateMessage);
        int offered = negotiate.flags();
        if (!NtlmFlags.has(offered, NtlmFlags.EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException("the client must offer extended session security (NTLMv2)");
        }
        // Unicode always: ntlm_auth (pywinrm) offers only OEM yet follows the server's choice.
        int flags = (offered & SUPPORTED) | NtlmFlags.UNICODE | NtlmFlags.TARGET_INFO | NtlmFlags.TARGET_TYPE_DOMAIN;
        challenge = ChallengeMessage.of(flags, random.apply(8), target.netbiosDomain(),
                target.targetInfo(NtlmCrypto.fileTime(clock.millis())));
        return challenge.encoded();
    }

    /** The same, for a challenge fixed in advance (reproducing a published exchange). */
    public void useChallenge(ChallengeMessage fixed) {
        this.challenge = fixed;
    }

    /**
     * Verifies {@code authenticateMessage}: the NTLMv2 proof, then the MIC when flagged.
     *
     * @throws NtlmException when the account is unknown, the password wrong or the message malformed
     */
    public NtlmAuthenticated authenticate(byte[] authenticateMessage) {
        if (challenge == null) {
            throw new NtlmException("AUTHENTICATE before CHALLENGE");
        }
        AuthenticateMessage a = AuthenticateMessage.parse(authenticateMessage);
        byte[] nt = a.ntResponse();
        if (a.user().isEmpty() || nt.length <= 24) {
            throw new NtlmException("anonymous and NTLMv1 logons are refused");
        }
        Optional<char[]> password = accounts.password(a.domain(), a.user());
        if (password.isEmpty()) {
            throw new NtlmException("logon failure: unknown user name or bad password");
        }
        byte[] responseKey;
        char[] secret = password.get();
        try {
            responseKey = NtlmCrypto.ntowfV2(secret, a.user(), a.domain());
        } finally {
            Arrays.fill(secret, '\0');
        }
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(proof, NtlmCrypto.ntProofStr(responseKey, challenge.serverChallenge(), blob))) {
            throw new NtlmException("logon failure: unknown user name or bad password");
        }
        byte[] keyExchangeKey = NtlmCrypto.sessionBaseKey(responseKey, proof);
        int flags = a.flags() & challenge.flags();
        byte[] exported = keyExchangeKey;
        if (NtlmFlags.has(flags, NtlmFlags.KEY_EXCH)) {
            if (a.encryptedRandomSessionKey().length != 16) {
                throw new NtlmException("key exchange negotiated but no encrypted session key sent");
            }
            exported = Rc4.once(keyExchangeKey, a.encryptedRandomSessionKey());
        }
        checkMic(a, exported);
        checkChannelBindings(a);
        return new NtlmAuthenticated(a.domain(), a.user(), a.workstation(), NtlmSession.server(flags, exported));
    }

    private void checkMic(AuthenticateMessage a, byte[] exported) {
        boolean flagged = (a.clientTargetInfo().flags() & AvPairs.FLAG_MIC_PRESENT) != 0;
        if (!flagged) {
            if (challenge.targetInfo().get(AvPairs.TIMESTAMP).isPresent() && a.ntResponse().length > 44) {
                throw new NtlmException("the client omitted the MIC the server's timestamp asks for");
            }
            return;
        }
        byte[] negotiateBytes = negotiate == null ? new byte[0] : negotiate.encoded();
        byte[] expected = NtlmCrypto.hmacMd5(exported, Le.concat(negotiateBytes, challenge.encoded(),
                a.encodedWithZeroMic()));
        if (!MessageDigest.isEqual(expected, a.mic())) {
            throw new NtlmException("the AUTHENTICATE message's MIC does not verify");
        }
    }

    /**
     * After the proof and the MIC, so the bindings read are the ones the client's key vouches for; the
     * refusal is a logon failure like any other (Windows answers it with the same 401).
     */
    private void checkChannelBindings(AuthenticateMessage a) {
        byte[] presented = a.clientTargetInfo().get(AvPairs.CHANNEL_BINDINGS).orElse(null);
        hardening.refusal(presented, channel).ifPresent(reason -> {
            throw new NtlmException("logon failure: " + reason);
        });
    }

    @Override
    public String toString() {
        return "NtlmServer[" + (target == null ? "fixed challenge" : target.netbiosComputer()) + "]";
    }
}
