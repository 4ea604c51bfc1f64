package io.authcert.vault;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES256 cipher of ansible-vault: PBKDF2-HMAC-SHA256 (10000 iterations) derives 80 bytes from the
 * password and salt (cipher key, HMAC key, CTR counter), the plaintext is PKCS#7-padded to 16 bytes and
 * encrypted with AES-256-CTR, and the HMAC-SHA256 covers the ciphertext. Byte for byte what Ansible's
 * {@code VaultAES256} does.
 */
final class VaultAes256 {

    static final String NAME = "AES256";
    static final int SALT_BYTES = 32;
    private static final int ITERATIONS = 10_000;
    private static final int BLOCK = 16;

    private VaultAes256() {
    }

    /** Encrypts {@code plaintext} into the salt, HMAC and ciphertext of an envelope. */
    static VaultEnvelope.Payload encrypt(byte[] plaintext, Secret password, byte[] salt) {
        Keys keys = derive(password, salt);
        try {
            byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, keys).doFinal(pad(plaintext));
            return new VaultEnvelope.Payload(salt.clone(), hmac(keys, ciphertext), ciphertext);
        } catch (GeneralSecurityException e) {
            throw missingAlgorithms(e);
        }
    }

    /** The plaintext, or null when the HMAC says this password (or the data) is not the right one. */
    static byte[] decrypt(VaultEnvelope.Payload payload, Secret password) {
        Keys keys = derive(password, payload.salt());
        if (!MessageDigest.isEqual(hmac(keys, payload.ciphertext()), payload.hmac())) {
            return null;
        }
        try {
            return unpad(aes(Cipher.DECRYPT_MODE, keys).doFinal(payload.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw missingAlgorithms(e);
        }
    }

    private record Keys(byte[] cipherKey, byte[] hmacKey, byte[] counter) {
    }

    private static Keys derive(Secret password, byte[] salt) {
        // SunJCE's PBKDF2 turns the password's characters into UTF-8 bytes, as Ansible hands it its bytes.
        PBEKeySpec spec = new PBEKeySpec(password.reveal().toCharArray(), salt, ITERATIONS, (32 + 32 + BLOCK) * 8);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new Keys(Arrays.copyOfRange(derived, 0, 32), Arrays.copyOfRange(derived, 32, 64),
                    Arrays.copyOfRange(derived, 64, 64 + BLOCK));
        } catch (GeneralSecurityException e) {
            throw missingAlgorithms(e);
        } finally {
            spec.clearPassword();
        }
    }

    private static Cipher aes(int mode, Keys keys) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(mode, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.counter()));
        return cipher;
    }

    private static byte[] hmac(Keys keys, byte[] ciphertext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.hmacKey(), "HmacSHA256"));
            return mac.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw missingAlgorithms(e);
        }
    }

    /** PKCS#7 to the AES block size: Ansible pads before CTR although CTR needs no padding. */
    static byte[] pad(byte[] plain) {
        int n = BLOCK - plain.length % BLOCK;
        byte[] padded = Arrays.copyOf(plain, plain.length + n);
        Arrays.fill(padded, plain.length, padded.length, (byte) n);
        return padded;
    }

    static byte[] unpad(byte[] padded) {
        int n = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
        if (n < 1 || n > BLOCK || n > padded.length) {
            throw new VaultException(VaultException.Reason.MALFORMED, "vault plaintext has invalid padding");
        }
        for (int i = padded.length - n; i < padded.length; i++) {
            if ((padded[i] & 0xff) != n) {
                throw new VaultException(VaultException.Reason.MALFORMED, "vault plaintext has invalid padding");
            }
        }
        return Arrays.copyOf(padded, padded.length - n);
    }

    private static IllegalStateException missingAlgorithms(GeneralSecurityException e) {
        return new IllegalStateException("the JVM lacks PBKDF2/HMAC-SHA256/AES-CTR", e);
    }
}
