package io.authcert.security.ntlm;

import java.util.Arrays;

/**
 * The AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3): the client's responses, names and encrypted session key;
 * {@code mic} is empty when none was sent.
 */
public record AuthenticateMessage(int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
                                  String workstation, byte[] encryptedRandomSessionKey, byte[] mic, byte[] encoded) {

    /** Offset of the MIC: after the 64-byte fixed part and the 8-byte version. */
    static final int MIC_OFFSET = 72;
    private static final int HEADER_WITH_MIC = 88;

    /** Encodes a message with a zero MIC (to be filled by {@link #withMic}) when {@code withMicSpace}. */
    public static AuthenticateMessage of(int flags, byte[] lm, byte[] nt, String domain, String user,
                                         String workstation, byte[] encryptedKey, boolean withMicSpace) {
        byte[] mic = withMicSpace ? new byte[16] : new byte[0];
        byte[] encoded = new NtlmMessage.Builder(3, 72 + mic.length).field(lm).field(nt).field(Le.utf16(domain))
                .field(Le.utf16(user)).field(Le.utf16(workstation)).field(encryptedKey).u32(flags)
                .raw(NtlmMessage.VERSION).raw(mic).build();
        return new AuthenticateMessage(flags, lm, nt, domain, user, workstation, encryptedKey, mic, encoded);
    }

    public static AuthenticateMessage parse(byte[] message) {
        NtlmMessage.expect(message, 3);
        byte[] lm = Le.field(message, 12);
        byte[] nt = Le.field(message, 20);
        int flags = Le.u32(message, 60);
        if (!NtlmFlags.has(flags, NtlmFlags.UNICODE)) {
            throw new NtlmException("only Unicode NTLM messages are supported");
        }
        String domain = Le.utf16(Le.field(message, 28));
        String user = Le.utf16(Le.field(message, 36));
        String workstation = Le.utf16(Le.field(message, 44));
        byte[] key = Le.field(message, 52);
        byte[] mic = new byte[0];
        if (nt.length > 44 && micFlagged(nt) && message.length >= HEADER_WITH_MIC) {
            mic = Le.slice(message, MIC_OFFSET, 16);
        }
        return new AuthenticateMessage(flags, lm, nt, domain, user, workstation, key, mic, message.clone());
    }

    /** True when the NTLMv2 blob's target info says MsvAvFlags has the MIC bit. */
    private static boolean micFlagged(byte[] nt) {
        AvPairs info = AvPairs.parse(Arrays.copyOfRange(nt, 44, nt.length));
        return (info.flags() & AvPairs.FLAG_MIC_PRESENT) != 0;
    }

    /** The encoding with the MIC field zeroed, as the MIC is computed over it. */
    public byte[] encodedWithZeroMic() {
        byte[] copy = encoded.clone();
        if (mic.length == 16) {
            Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + 16, (byte) 0);
        }
        return copy;
    }

    public AuthenticateMessage withMic(byte[] newMic) {
        byte[] copy = encoded.clone();
        System.arraycopy(newMic, 0, copy, MIC_OFFSET, 16);
        return new AuthenticateMessage(flags, lmResponse, ntResponse, domain, user, workstation,
                encryptedRandomSessionKey, newMic.clone(), copy);
    }

    /** The NTLMv2 blob's target info (the client's copy, with its MsvAvFlags and timestamp). */
    public AvPairs clientTargetInfo() {
        return ntResponse.length > 44 ? AvPairs.parse(Arrays.copyOfRange(ntResponse, 44, ntResponse.length))
                : AvPairs.empty();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public String toString() {
        return "AuthenticateMessage[user=" + domain + "\\" + user + ", workstation=" + workstation + "]";
    }
}
