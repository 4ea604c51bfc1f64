package io.authcert.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Reads and writes ansible-vault data ({@code $ANSIBLE_VAULT;1.1;AES256} and {@code 1.2;AES256;LABEL}) exactly
 * as ansible-vault does: {@link VaultEnvelope} is the text form, {@link VaultAes256} the cipher.
 */
public final class AnsibleVault {

    /** The header every vaulted text starts with. */
    public static final String HEADER = "$ANSIBLE_VAULT;";

    /** Ansible's message when no password fits. */
    public static final String NO_SECRET_FITS = "Decryption failed (no vault secrets were found that could decrypt)";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AnsibleVault() {
    }

    /** What decrypting gave, and the password that did it (edit and rekey keep its label). */
    public record Decrypted(byte[] plaintext, VaultPassword password, String label) {
    }

    /** Whether {@code text} is vault data (possibly after leading whitespace). */
    public static boolean isVaulted(String text) {
        return text != null && text.stripLeading().startsWith(HEADER);
    }

    /** The vault id label of a 1.2 envelope, or null. */
    public static String vaultId(String vaultText) {
        return VaultEnvelope.parse(vaultText).label();
    }

    /**
     * Decrypts {@code vaultText} with the first password that fits: those with the envelope's label first.
     *
     * @throws VaultException when there is no password, none fits, or the data is damaged; the message
     *     never contains plaintext
     */
    public static Decrypted open(String vaultText, VaultSecrets secrets) {
        VaultEnvelope envelope = VaultEnvelope.parse(vaultText);
        if (secrets.isEmpty()) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "no vault password was given");
        }
        for (VaultPassword password : secrets.candidates(envelope.label())) {
            byte[] plain = VaultAes256.decrypt(envelope.payload(), password.secret());
            if (plain != null) {
                return new Decrypted(plain, password, envelope.label());
            }
        }
        throw new VaultException(VaultException.Reason.WRONG_PASSWORD, NO_SECRET_FITS
                + ": the vault password does not decrypt it (a different password, or the data was changed)");
    }

    public static byte[] decrypt(String vaultText, VaultSecrets secrets) {
        return open(vaultText, secrets).plaintext();
    }

    /** Decrypts to UTF-8 text, wrapped as a {@link Secret}. */
    public static Secret decryptToSecret(String vaultText, VaultSecrets secrets) {
        return Secret.of(new String(decrypt(vaultText, secrets), StandardCharsets.UTF_8));
    }

    /**
     * Encrypts {@code plaintext} with {@code password} under {@code label} (format 1.2 for a label other than
     * {@code default}, else 1.1), with a new random 32-byte salt.
     *
     * @throws VaultException MALFORMED when the plaintext is already vault data, which ansible-vault refuses too
     */
    public static String encrypt(byte[] plaintext, Secret password, String label) {
        byte[] salt = new byte[VaultAes256.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, password, label, salt);
    }

    /** With a given salt: what Ansible does with {@code ANSIBLE_VAULT_ENCRYPT_SALT} (tests compare byte for byte). */
    static String encrypt(byte[] plaintext, Secret password, String label, byte[] salt) {
        if (isVaulted(new String(plaintext, StandardCharsets.ISO_8859_1))) {
            throw new VaultException(VaultException.Reason.MALFORMED, "input is already encrypted");
        }
        return VaultEnvelope.of(VaultAes256.encrypt(plaintext, password, salt), label).format();
    }
}
