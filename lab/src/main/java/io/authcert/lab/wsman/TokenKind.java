package io.authcert.lab.wsman;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an {@code Authorization: Negotiate} or {@code Kerberos} token carries, told from its first bytes
 * so it goes to the NTLM code or to the Kerberos acceptor: raw NTLMSSP (pywinrm's {@code ntlm}), a raw
 * Kerberos GSS token (RFC 2743 3.1 framing with the Kerberos OID, what requests_kerberos/pykerberos
 * send), or SPNEGO (RFC 4178: a NegTokenInit, what Windows and JGSS-SPNEGO send, or a later NegTokenResp).
 */
enum TokenKind {
    /** An NTLMSSP message (MS-NLMP 2.2.1). */
    NTLM,
    /** A Kerberos InitialContextToken: OID 1.2.840.113554.1.2.2 (or Microsoft's 1.2.840.48018.1.2.2). */
    KERBEROS,
    /** An SPNEGO NegTokenInit that offers Kerberos among its mechanisms. */
    SPNEGO_KERBEROS,
    /** An SPNEGO NegTokenInit that offers no Kerberos (SPNEGO-wrapped NTLM, say): nothing here accepts it. */
    SPNEGO_WITHOUT_KERBEROS,
    /** A bare SPNEGO NegTokenResp: the next leg of an SPNEGO exchange already under way on the connection. */
    SPNEGO_CONTINUATION,
    /** Anything else, including truncated or malformed tokens. */
    UNKNOWN;

    private static final byte[] NTLMSSP = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KRB5_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    static final byte[] MS_KRB5_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    static final byte[] SPNEGO_OID = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

    static TokenKind of(byte[] token) {
        if (token.length >= NTLMSSP.length && Arrays.equals(token, 0, NTLMSSP.length, NTLMSSP, 0, NTLMSSP.length)) {
            return NTLM;
        }
        try {
            Der der = new Der(token);
            if (token.length > 0 && (token[0] & 0xff) == 0xa1) {
                der.enter(0xa1);
                return SPNEGO_CONTINUATION;
            }
            der.enter(0x60);
            byte[] mech = der.read(0x06);
            if (isKerberos(mech)) {
                return KERBEROS;
            }
            if (!Arrays.equals(mech, SPNEGO_OID)) {
                return UNKNOWN;
            }
            der.enter(0xa0);     // NegotiationToken: negTokenInit [0]
            der.enter(0x30);     // NegTokenInit SEQUENCE
            der.enter(0xa0);     // mechTypes [0]
            der.enter(0x30);     // MechTypeList SEQUENCE OF OID
            for (byte[] offered : der.readAll(0x06)) {
                if (isKerberos(offered)) {
                    return SPNEGO_KERBEROS;
                }
            }
            return SPNEGO_WITHOUT_KERBEROS;
        } catch (IllegalArgumentException malformed) {
            return UNKNOWN;
        }
    }

    /** Whether the token goes to the Kerberos acceptor (an SPNEGO continuation can only be Kerberos here). */
    boolean kerberos() {
        return this == KERBEROS || this == SPNEGO_KERBEROS || this == SPNEGO_CONTINUATION;
    }

    private static boolean isKerberos(byte[] oid) {
        return Arrays.equals(oid, KRB5_OID) || Arrays.equals(oid, MS_KRB5_OID);
    }

    /** Just enough DER to walk the outer layers of a token: tags and lengths, checked against what is left. */
    private static final class Der {
        private final byte[] bytes;
        private int pos;
        private int end;

        Der(byte[] bytes) {
            this.bytes = bytes;
            this.end = bytes.length;
        }

        /** Steps into a constructed element with {@code tag}; what follows is read inside it. */
        void enter(int tag) {
            end = header(tag);
        }

        byte[] read(int tag) {
            int stop = header(tag);
            byte[] value = Arrays.copyOfRange(bytes, pos, stop);
            pos = stop;
            return value;
        }

        List<byte[]> readAll(int tag) {
            List<byte[]> out = new ArrayList<>();
            while (pos < end) {
                out.add(read(tag));
            }
            return out;
        }

        /** Reads a tag and its length; returns where the element ends. */
        private int header(int tag) {
            if (pos >= end || (bytes[pos] & 0xff) != tag) {
                throw new IllegalArgumentException("expected tag " + tag);
            }
            pos++;
            if (pos >= end) {
                throw new IllegalArgumentException("no length");
            }
            int first = bytes[pos++] & 0xff;
            long length = first;
            if (first >= 0x80) {
                int octets = first - 0x80;
                if (octets == 0 || octets > 3 || pos + octets > end) {
                    throw new IllegalArgumentException("bad length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xff);
                }
            }
            if (pos + length > end) {
                throw new IllegalArgumentException("length beyond the token");
            }
            return (int) (pos + length);
        }
    }
}
