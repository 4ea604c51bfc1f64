package io.authcert.security.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the three NTLM messages share: the "NTLMSSP\0" header, the type and payload fields. */
final class NtlmMessage {

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** Windows 10 / Server 2019 (10.0.17763), NTLMSSP_REVISION_W2K3. */
    static final byte[] VERSION = {10, 0, (byte) 0x63, 0x45, 0, 0, 0, 15};

    private NtlmMessage() {
    }

    /** Checks the signature and type, returning the message. */
    static byte[] expect(byte[] message, int type) {
        if (message == null || message.length < 12 || !Arrays.equals(Le.slice(message, 0, 8), SIGNATURE)) {
            throw new NtlmException("not an NTLMSSP message");
        }
        if (Le.u32(message, 8) != type) {
            throw new NtlmException("expected NTLM message type " + type + ", got " + Le.u32(message, 8));
        }
        return message;
    }

    /** Builds a message whose fixed part is {@code header} and whose (Len, MaxLen, Offset) fields point into the payload. */
    static final class Builder {
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private final int headerLength;

        Builder(int type, int headerLength) {
            this.headerLength = headerLength;
            header.writeBytes(SIGNATURE);
            Le.put32(header, type);
        }

        Builder field(byte[] value) {
            Le.put16(header, value.length);
            Le.put16(header, value.length);
            Le.put32(header, headerLength + payload.size());
            payload.writeBytes(value);
            return this;
        }

        Builder raw(byte[] value) {
            header.writeBytes(value);
            return this;
        }

        Builder u32(int value) {
            Le.put32(header, value);
            return this;
        }

        byte[] build() {
            if (header.size() != headerLength) {
                throw new IllegalStateException("NTLM header is " + header.size() + " bytes, expected " + headerLength);
            }
            return Le.concat(header.toByteArray(), payload.toByteArray());
        }
    }
}
