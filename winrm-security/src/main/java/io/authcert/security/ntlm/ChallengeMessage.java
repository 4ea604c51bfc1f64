package io.authcert.security.ntlm;

/** The CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's nonce, chosen flags and target info. */
public record ChallengeMessage(int flags, byte[] serverChallenge, String targetName, AvPairs targetInfo,
                               byte[] encoded) {

    public static ChallengeMessage of(int flags, byte[] serverChallenge, String targetName, AvPairs targetInfo) {
        if (serverChallenge.length != 8) {
            throw new IllegalArgumentException("the server challenge is 8 bytes");
        }
        byte[] encoded = new NtlmMessage.Builder(2, 56).field(Le.utf16(targetName)).u32(flags)
                .raw(serverChallenge).raw(new byte[8]).field(targetInfo.encode()).raw(NtlmMessage.VERSION).build();
        return new ChallengeMessage(flags, serverChallenge.clone(), targetName, targetInfo, encoded);
    }

    public static ChallengeMessage parse(byte[] message) {
        NtlmMessage.expect(message, 2);
        int flags = Le.u32(message, 20);
        String targetName = Le.utf16(Le.field(message, 12));
        byte[] challenge = Le.slice(message, 24, 8);
        AvPairs info = NtlmFlags.has(flags, NtlmFlags.TARGET_INFO) && message.length >= 48
                ? AvPairs.parse(Le.field(message, 40)) : AvPairs.empty();
        return new ChallengeMessage(flags, challenge, targetName, info, message.clone());
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}
