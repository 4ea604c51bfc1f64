package io.authcert.security.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian reads and writes, because every NTLM field is little-endian. */
final class Le {

    private Le() {
    }

    static int u16(byte[] b, int off) {
        check(b, off, 2);
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static int u32(byte[] b, int off) {
        check(b, off, 4);
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] u64(long v) {
        byte[] out = new byte[8];
        for (int k = 0; k < 8; k++) {
            out[k] = (byte) (v >>> (8 * k));
        }
        return out;
    }

    static void put16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    static void put32(ByteArrayOutputStream out, int v) {
        out.writeBytes(u32(v));
    }

    static byte[] slice(byte[] b, int off, int len) {
        check(b, off, len);
        return Arrays.copyOfRange(b, off, off + len);
    }

    /** The bytes a (Len, MaxLen, Offset) field of an NTLM message points at. */
    static byte[] field(byte[] message, int fieldOffset) {
        int len = u16(message, fieldOffset);
        int off = u32(message, fieldOffset + 4);
        if (len == 0) {
            return new byte[0];
        }
        return slice(message, off, len);
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static String utf16(byte[] b) {
        return new String(b, StandardCharsets.UTF_16LE);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void check(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new NtlmException("truncated NTLM message");
        }
    }
}
