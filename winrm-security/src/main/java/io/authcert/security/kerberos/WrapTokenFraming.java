package io.authcert.security.kerberos;

import java.util.Arrays;

/**
 * Splits an RFC 4121 wrap token as JGSS writes it into the (signature, data) pair that WinRM's Kerberos
 * message encryption carries (MS-WSMV 2.2.9.1.2.2), and joins such a pair back into one token. JGSS has
 * no {@code gss_wrap_iov}: Windows and MIT's wrap_iov rotate the encrypted header copy and checksum to
 * the front (RRC, RFC 4121 4.2.5) so the signature is one piece; JGSS writes RRC 0 and honours any RRC
 * when unwrapping.
 */
final class WrapTokenFraming {
    static final int TOKEN_HEADER = 16;
    /** The cipher block of the AES enctypes, the confounder that leads the encrypted data. */
    static final int CONFOUNDER = 16;

    private WrapTokenFraming() {
    }

    /**
     * The pair for a sealed token with RRC 0: the token rotated right by {@code ec + 16 + trailer}, the
     * signature being the token header, the rotated part and the encrypted confounder.
     */
    static byte[][] split(byte[] token, int trailerLength) {
        if (token.length < TOKEN_HEADER || token[0] != 0x05 || token[1] != 0x04) {
            throw new IllegalArgumentException("not an RFC 4121 wrap token");
        }
        int ec = u16(token, 4);
        if (u16(token, 6) != 0) {
            throw new IllegalArgumentException("the wrap token is already rotated");
        }
        if ((token[2] & 0x02) == 0) {
            throw new IllegalArgumentException("the wrap token is not sealed (no confidentiality)");
        }
        int rotate = ec + TOKEN_HEADER + trailerLength;
        int body = token.length - TOKEN_HEADER;
        if (body < rotate + CONFOUNDER) {
            throw new IllegalArgumentException("the wrap token is shorter than its header and trailer");
        }
        byte[] rotated = Arrays.copyOf(token, token.length);
        for (int i = 0; i < body; i++) {
            rotated[TOKEN_HEADER + (i + rotate) % body] = token[TOKEN_HEADER + i];
        }
        rotated[6] = (byte) (rotate >> 8);
        rotated[7] = (byte) rotate;
        int signature = TOKEN_HEADER + rotate + CONFOUNDER;
        return new byte[][] {Arrays.copyOf(rotated, signature), Arrays.copyOfRange(rotated, signature, rotated.length)};
    }

    /** One token from the pair, as JGSS's unwrap takes it. */
    static byte[] join(byte[] signature, byte[] data) {
        byte[] token = Arrays.copyOf(signature, signature.length + data.length);
        System.arraycopy(data, 0, token, signature.length, data.length);
        return token;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
