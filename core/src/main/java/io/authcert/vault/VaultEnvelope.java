package io.authcert.vault;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The text form of vault data: the header {@code $ANSIBLE_VAULT;1.1;AES256} (or {@code 1.2;AES256;LABEL}),
 * then the hex of "hex(salt)\nhex(hmac)\nhex(ciphertext)" in lines of 80 characters, ending with a newline,
 * as Ansible's {@code format_vaulttext_envelope} writes it (the body is hexlified twice).
 */
record VaultEnvelope(String version, String cipher, String label, Payload payload) {

    static final String DEFAULT_LABEL = "default";
    private static final int COLUMNS = 80;
    private static final HexFormat HEX = HexFormat.of();

    /** What the cipher reads and writes. */
    record Payload(byte[] salt, byte[] hmac, byte[] ciphertext) {
    }

    /** An envelope for {@code payload}: format 1.2 when there is a label other than "default", else 1.1. */
    static VaultEnvelope of(Payload payload, String label) {
        boolean labelled = label != null && !label.isEmpty() && !label.equals(DEFAULT_LABEL);
        return new VaultEnvelope(labelled ? "1.2" : "1.1", VaultAes256.NAME, labelled ? label : null, payload);
    }

    /** The text to write to a file. */
    String format() {
        String inner = HEX.formatHex(payload.salt()) + "\n" + HEX.formatHex(payload.hmac()) + "\n"
                + HEX.formatHex(payload.ciphertext());
        String body = HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
        StringBuilder text = new StringBuilder(AnsibleVault.HEADER).append(version).append(';').append(cipher);
        if (label != null) {
            text.append(';').append(label);
        }
        text.append('\n');
        for (int i = 0; i < body.length(); i += COLUMNS) {
            text.append(body, i, Math.min(body.length(), i + COLUMNS)).append('\n');
        }
        return text.toString();
    }

    /**
     * Reads vault text (leading whitespace and the indentation of a {@code !vault |} block allowed).
     *
     * @throws VaultException MALFORMED when it is not vault data this engine can read
     */
    static VaultEnvelope parse(String vaultText) {
        String text = vaultText.strip();
        if (!text.startsWith(AnsibleVault.HEADER)) {
            throw malformed("not ansible-vault data (it does not start with " + AnsibleVault.HEADER + ")");
        }
        int nl = text.indexOf('\n');
        String[] header = (nl < 0 ? text : text.substring(0, nl)).strip().split(";");
        if (header.length < 3) {
            throw malformed("not ansible-vault data (bad header)");
        }
        String version = header[1].strip();
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw malformed("unsupported vault format version " + version);
        }
        String cipher = header[2].strip();
        if (!cipher.equals(VaultAes256.NAME)) {
            throw malformed("unsupported vault cipher " + cipher);
        }
        String label = header.length >= 4 ? header[3].strip() : null;
        if (nl < 0) {
            throw malformed("vault data has a header but no body");
        }
        return new VaultEnvelope(version, cipher, label, payload(text.substring(nl + 1)));
    }

    private static Payload payload(String body) {
        StringBuilder hex = new StringBuilder(body.length());
        body.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> hex.append((char) c));
        try {
            String[] parts = new String(HEX.parseHex(hex), StandardCharsets.US_ASCII).split("\n", 3);
            if (parts.length != 3) {
                throw malformed("vault body does not hold salt, HMAC and ciphertext");
            }
            return new Payload(HEX.parseHex(parts[0].strip()), HEX.parseHex(parts[1].strip()), HEX.parseHex(parts[2].strip()));
        } catch (IllegalArgumentException e) {
            throw malformed("vault body is not valid hexadecimal (truncated or edited?)");
        }
    }

    private static VaultException malformed(String message) {
        return new VaultException(VaultException.Reason.MALFORMED, message);
    }
}
