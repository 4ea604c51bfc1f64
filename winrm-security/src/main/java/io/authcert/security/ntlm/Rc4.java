package io.authcert.security.ntlm;

/** A stateful RC4 stream, because NTLM sealing continues one key stream across messages. */
public final class Rc4 {

    private final int[] s = new int[256];
    private int i;
    private int j;

    public Rc4(byte[] key) {
        for (int k = 0; k < 256; k++) {
            s[k] = k;
        }
        for (int k = 0, m = 0; k < 256; k++) {
            m = (m + s[k] + (key[k % key.length] & 0xff)) & 0xff;
            swap(k, m);
        }
    }

    /** Encrypts (or decrypts) {@code data} with the next bytes of the stream. */
    public byte[] apply(byte[] data) {
        byte[] out = new byte[data.length];
        for (int k = 0; k < data.length; k++) {
            i = (i + 1) & 0xff;
            j = (j + s[i]) & 0xff;
            swap(i, j);
            out[k] = (byte) (data[k] ^ s[(s[i] + s[j]) & 0xff]);
        }
        return out;
    }

    /** RC4K of MS-NLMP: a fresh stream used once. */
    public static byte[] once(byte[] key, byte[] data) {
        return new Rc4(key).apply(data);
    }

    private void swap(int x, int y) {
        int t = s[x];
        s[x] = s[y];
        s[y] = t;
    }

    @Override
    public String toString() {
        return "Rc4[state hidden]";
    }
}
