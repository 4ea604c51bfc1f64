package io.authcert.vault;

/**
 * Reads a variable value that may be secret, whatever form it has in the inventory: plain text, a
 * {@link Secret} (from an encrypted vars file) or a {@link VaultedValue} (a {@code !vault} value, decrypted
 * here). For code that receives a host's variables as a map, such as the WinRM target resolver.
 */
public final class SecretValues {

    private SecretValues() {
    }

    /**
     * The value as a {@link Secret}; null stays null.
     *
     * @throws io.authcert.diag.InputException naming the file and line when a vaulted value cannot be decrypted
     */
    public static Secret secret(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Secret s) {
            return s;
        }
        if (value instanceof VaultedValue v) {
            return v.secret();
        }
        return Secret.of(String.valueOf(value));
    }

    /**
     * The value as text, decrypting vaulted values (for values such as a vaulted {@code ansible_user}
     * that must be sent as text); null stays null.
     */
    public static String text(Object value) {
        if (value instanceof Secret || value instanceof VaultedValue) {
            return secret(value).reveal();
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value == null ? null : String.valueOf(value);
    }
}
