package io.authcert.testing;

import java.util.Arrays;

/**
 * Splits a JGSS RFC 4121 wrap token into the (header, data) pair that WinRM's Kerberos message
 * encryption carries, and joins such a pair back, because JGSS has no gss_wrap_iov: Windows and
 * MIT's wrap_iov rotate the encrypted header copy and checksum into the header (RRC), JGSS does not.
 */
final class WinRmKerberosFraming {
    static final int TOKEN_HEADER = 16;
    /** The AES block of aes128/256-cts-hmac-sha1-96, whose checksum trailer is 12 bytes. */
    static final int CONFOUNDER = 16;

    private WinRmKerberosFraming() {
    }

    /** The pair for a JGSS sealed token (RRC 0): rotated right by the trailer length, header = 16 + ec + 16 + trailer. */
    static byte[][] split(byte[] token, int trailerLength) {
        int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
        int rrc = ((token[6] & 0xff) << 8) | (token[7] & 0xff);
        if (token[0] != 0x05 || token[1] != 0x04 || rrc != 0) {
            throw new IllegalArgumentException("not an RFC 4121 wrap token with RRC 0");
        }
        int rotate = ec + TOKEN_HEADER + trailerLength;
        byte[] rotated = Arrays.copyOf(token, token.length);
        int body = token.length - TOKEN_HEADER;
        for (int i = 0; i < body; i++) {
            rotated[TOKEN_HEADER + (i + rotate) % body] = token[TOKEN_HEADER + i];
        }
        rotated[6] = (byte) (rotate >> 8);
        rotated[7] = (byte) rotate;
        int headerLength = TOKEN_HEADER + rotate + CONFOUNDER;
        return new byte[][] {Arrays.copyOf(rotated, headerLength), Arrays.copyOfRange(rotated, headerLength, rotated.length)};
    }

    /** One token from the pair, as JGSS's unwrap takes it (JGSS honours a nonzero RRC itself). */
    static byte[] join(byte[] header, byte[] data) {
        byte[] token = Arrays.copyOf(header, header.length + data.length);
        System.arraycopy(data, 0, token, header.length, data.length);
        return token;
    }
}
