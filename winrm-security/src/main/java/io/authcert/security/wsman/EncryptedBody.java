package io.authcert.security.wsman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MS-WSMV 2.2.9.1 framing of an encrypted WinRM body, byte for byte as Windows and pywinrm write it:
 * a {@code multipart/encrypted} body whose octet-stream part is the 4-byte little-endian signature
 * length, the signature and the sealed SOAP message.
 */
public final class EncryptedBody {

    /** The protocol of Negotiate (NTLM or Kerberos via SPNEGO) session encryption. */
    public static final String SPNEGO_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    /**
     * The protocol MS-WSMV 2.2.9.1.2.1 names for a context set up with {@code Authorization: Kerberos}; the
     * framing is the same (pywinrm sends {@link #SPNEGO_PROTOCOL} for Kerberos too).
     */
    public static final String KERBEROS_PROTOCOL = "application/HTTP-Kerberos-session-encrypted";
    /** The HTTP Content-Type of an encrypted request or response. */
    public static final String CONTENT_TYPE = contentType(SPNEGO_PROTOCOL);
    /** The content type of the plaintext inside. */
    public static final String SOAP_TYPE = "application/soap+xml;charset=UTF-8";

    private static final byte[] BOUNDARY = "--Encrypted Boundary".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTET_STREAM = "\tContent-Type: application/octet-stream\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LENGTH = Pattern.compile("Length=(\\d+)", Pattern.CASE_INSENSITIVE);

    private EncryptedBody() {
    }

    /** The HTTP Content-Type of a body encrypted under {@code protocol}. */
    public static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"Encrypted Boundary\"";
    }

    /** True when an HTTP Content-Type announces an SPNEGO- or Kerberos-encrypted body. */
    public static boolean isEncrypted(String contentType) {
        return protocolOf(contentType) != null;
    }

    /** {@link #SPNEGO_PROTOCOL} or {@link #KERBEROS_PROTOCOL} as an encrypted body's Content-Type names it, else null. */
    public static String protocolOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/encrypted")) {
            return null;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        for (String protocol : new String[] {SPNEGO_PROTOCOL, KERBEROS_PROTOCOL}) {
            if (lower.contains(protocol.toLowerCase(Locale.ROOT))) {
                return protocol;
            }
        }
        return null;
    }

    /** Seals {@code soap} with {@code sealer} and frames it under {@link #SPNEGO_PROTOCOL}. */
    public static byte[] encode(MessageSealer sealer, byte[] soap) {
        return encode(sealer, soap, SPNEGO_PROTOCOL);
    }

    /** Seals {@code soap} with {@code sealer} and frames it under {@code protocol}. */
    public static byte[] encode(MessageSealer sealer, byte[] soap, String protocol) {
        SealedMessage sealed = sealer.seal(soap);
        byte[] signature = sealed.signature();
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + 256);
        out.writeBytes(BOUNDARY);
        ascii(out, "\r\n\tContent-Type: " + protocol + "\r\n\tOriginalContent: type=" + SOAP_TYPE
                + ";Length=" + soap.length + "\r\n");
        out.writeBytes(BOUNDARY);
        ascii(out, "\r\n");
        out.writeBytes(OCTET_STREAM);
        int n = signature.length;
        out.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        out.writeBytes(signature);
        out.writeBytes(sealed.ciphertext());
        out.writeBytes(BOUNDARY);
        ascii(out, "--\r\n");
        return out.toByteArray();
    }

    /**
     * Unframes and unseals every part of {@code body}, concatenated.
     *
     * @throws MessageIntegrityException when the framing is broken, a length disagrees or a signature fails
     */
    public static byte[] decode(MessageSealer sealer, byte[] body) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(body.length);
        int pos = 0;
        while (true) {
            pos = expect(body, pos, BOUNDARY, "a boundary");
            if (startsWith(body, pos, "--".getBytes(StandardCharsets.US_ASCII))) {
                return plain.toByteArray();
            }
            int next = indexOf(body, BOUNDARY, pos);
            if (next < 0) {
                throw new MessageIntegrityException("encrypted body: no boundary after the part headers");
            }
            String headers = new String(body, pos, next - pos, StandardCharsets.US_ASCII);
            if (!headers.contains(SPNEGO_PROTOCOL) && !headers.contains(KERBEROS_PROTOCOL)) {
                throw new MessageIntegrityException("encrypted body: the part is neither " + SPNEGO_PROTOCOL + " nor "
                        + KERBEROS_PROTOCOL);
            }
            Matcher m = LENGTH.matcher(headers);
            if (!m.find()) {
                throw new MessageIntegrityException("encrypted body: no OriginalContent Length");
            }
            int length = Integer.parseInt(m.group(1));
            pos = expect(body, next + BOUNDARY.length, "\r\n".getBytes(StandardCharsets.US_ASCII), "CRLF");
            pos = expect(body, pos, OCTET_STREAM, "the octet-stream header");
            if (pos + 4 > body.length) {
                throw new MessageIntegrityException("encrypted body: truncated");
            }
            int sigLength = (body[pos] & 0xff) | (body[pos + 1] & 0xff) << 8 | (body[pos + 2] & 0xff) << 16
                    | (body[pos + 3] & 0xff) << 24;
            pos += 4;
            if (sigLength < 0 || length < 0 || (long) pos + sigLength + length > body.length) {
                throw new MessageIntegrityException("encrypted body: lengths exceed the body");
            }
            byte[] signature = java.util.Arrays.copyOfRange(body, pos, pos + sigLength);
            byte[] ciphertext = java.util.Arrays.copyOfRange(body, pos + sigLength, pos + sigLength + length);
            pos += sigLength + length;
            byte[] part = sealer.unseal(new SealedMessage(signature, ciphertext));
            if (part.length != length) {
                throw new MessageIntegrityException("encrypted body: decrypted length differs from Length");
            }
            plain.writeBytes(part);
        }
    }

    private static int expect(byte[] body, int pos, byte[] what, String name) {
        if (!startsWith(body, pos, what)) {
            throw new MessageIntegrityException("encrypted body: expected " + name + " at byte " + pos);
        }
        return pos + what.length;
    }

    private static boolean startsWith(byte[] body, int pos, byte[] prefix) {
        if (pos + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] what, int from) {
        for (int i = from; i + what.length <= body.length; i++) {
            if (startsWith(body, i, what)) {
                return i;
            }
        }
        return -1;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
