package io.authcert.security.ntlm;

/** The NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): the flags a client offers. */
public record NegotiateMessage(int flags, byte[] encoded) {

    /** A NEGOTIATE with no domain or workstation supplied. */
    public static NegotiateMessage of(int flags) {
        byte[] encoded = new NtlmMessage.Builder(1, 40).u32(flags).field(new byte[0]).field(new byte[0])
                .raw(NtlmMessage.VERSION).build();
        return new NegotiateMessage(flags, encoded);
    }

    public static NegotiateMessage parse(byte[] message) {
        NtlmMessage.expect(message, 1);
        return new NegotiateMessage(Le.u32(message, 12), message.clone());
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}
