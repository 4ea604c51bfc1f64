package io.authcert.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts ansible-vault data ({@code $ANSIBLE_VAULT;1.1;AES256} and {@code 1.2;AES256;ID}): PBKDF2-SHA256
 * key derivation, HMAC-SHA256 check, AES-256-CTR, as the vault format specifies.
 */
public final class AnsibleVault {

    /** The header every vaulted text starts with. */
    public static final String HEADER = "$ANSIBLE_VAULT;";

    private static final int ITERATIONS = 10_000;

    private AnsibleVault() {
    }

    /** Whether {@code text} is vault data (possibly after leading whitespace). */
    public static boolean isVaulted(String text) {
        return text != null && text.stripLeading().startsWith(HEADER);
    }

    /** The vault id of a 1.2 envelope, or null. */
    public static String vaultId(String vaultText) {
        String[] header = headerFields(vaultText);
        return header.length >= 4 ? header[3].strip() : null;
    }

    /**
     * Decrypts {@code vaultText} with the first password that fits.
     *
     * @throws VaultException when there is no password, none fits, or the data is damaged; the message
     *     never contains plaintext
     */
    public static byte[] decrypt(String vaultText, VaultSecrets secrets) {
        String[] header = headerFields(vaultText);
        if (header.length < 3 || !header[0].equals("$ANSIBLE_VAULT")) {
            throw new VaultException(VaultException.Reason.MALFORMED, "not ansible-vault data (bad header)");
        }
        String version = header[1].strip();
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw new VaultException(VaultException.Reason.MALFORMED, "unsupported vault format version " + version);
        }
        if (!header[2].strip().equals("AES256")) {
            throw new VaultException(VaultException.Reason.MALFORMED, "unsupported vault cipher " + header[2].strip());
        }
        if (secrets.isEmpty()) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "no vault password was given");
        }
        Envelope envelope = envelope(vaultText);
        for (Secret password : secrets.passwords()) {
            byte[] plain = tryPassword(envelope, password);
            if (plain != null) {
                return plain;
            }
        }
        throw new VaultException(VaultException.Reason.WRONG_PASSWORD, "the vault password does not decrypt it (a different password, or the data was changed)");
    }

    /** Decrypts to UTF-8 text, wrapped as a {@link Secret}. */
    public static Secret decryptToSecret(String vaultText, VaultSecrets secrets) {
        return Secret.of(new String(decrypt(vaultText, secrets), StandardCharsets.UTF_8));
    }

    private record Envelope(byte[] salt, byte[] hmac, byte[] ciphertext) {
    }

    private static String[] headerFields(String vaultText) {
        String text = vaultText.strip();
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        return first.strip().split(";");
    }

    private static Envelope envelope(String vaultText) {
        String text = vaultText.strip();
        int nl = text.indexOf('\n');
        if (nl < 0) {
            throw new VaultException(VaultException.Reason.MALFORMED, "vault data has a header but no body");
        }
        StringBuilder hex = new StringBuilder();
        for (char c : text.substring(nl + 1).toCharArray()) {
            if (!Character.isWhitespace(c)) {
                hex.append(c);
            }
        }
        try {
            String inner = new String(HexFormat.of().parseHex(hex), StandardCharsets.US_ASCII);
            List<String> parts = inner.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (parts.size() != 3) {
                throw new VaultException(VaultException.Reason.MALFORMED, "vault body does not hold salt, HMAC and ciphertext");
            }
            HexFormat h = HexFormat.of();
            return new Envelope(h.parseHex(parts.get(0)), h.parseHex(parts.get(1)), h.parseHex(parts.get(2)));
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Reason.MALFORMED, "vault body is not valid hexadecimal (truncated or edited?)");
        }
    }

    private static byte[] tryPassword(Envelope envelope, Secret password) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            PBEKeySpec spec = new PBEKeySpec(password.reveal().toCharArray(), envelope.salt(), ITERATIONS, 80 * 8);
            byte[] derived = factory.generateSecret(spec).getEncoded();
            spec.clearPassword();
            byte[] cipherKey = Arrays.copyOfRange(derived, 0, 32);
            byte[] hmacKey = Arrays.copyOfRange(derived, 32, 64);
            byte[] iv = Arrays.copyOfRange(derived, 64, 80);

            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            if (!MessageDigest.isEqual(mac.doFinal(envelope.ciphertext()), envelope.hmac())) {
                return null;
            }
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cipherKey, "AES"), new IvParameterSpec(iv));
            return unpad(cipher.doFinal(envelope.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks PBKDF2/HMAC-SHA256/AES-CTR", e);
        }
    }

    /** Removes the PKCS#7 padding ansible-vault adds before encrypting. */
    private static byte[] unpad(byte[] padded) {
        if (padded.length == 0) {
            return padded;
        }
        int n = padded[padded.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > padded.length) {
            throw new VaultException(VaultException.Reason.MALFORMED, "vault plaintext has invalid padding");
        }
        return Arrays.copyOf(padded, padded.length - n);
    }
}
