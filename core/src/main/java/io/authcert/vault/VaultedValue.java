package io.authcert.vault;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.util.Objects;

/**
 * A value encrypted with ansible-vault (a {@code !vault |} scalar), kept encrypted until someone needs
 * it: {@link #secret()} decrypts on demand, so an inventory with vaulted values loads without a password
 * as long as nothing uses them.
 */
public final class VaultedValue {

    private final String ciphertext;
    private final SourceLocation location;
    private final VaultSecrets secrets;

    public VaultedValue(String ciphertext, SourceLocation location, VaultSecrets secrets) {
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.location = location;
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The vault envelope as written in the file; safe to show (ansible-inventory shows it too). */
    public String ciphertext() {
        return ciphertext;
    }

    /** Where the value was written. */
    public SourceLocation location() {
        return location;
    }

    /**
     * The decrypted value.
     *
     * @throws InputException naming the file and line when there is no password or it does not fit
     */
    public Secret secret() {
        try {
            return AnsibleVault.decryptToSecret(ciphertext, secrets);
        } catch (VaultException e) {
            throw InputException.of(location, "cannot decrypt this vaulted value: " + e.getMessage(), hint(e.reason(), secrets));
        }
    }

    /** The hint for a failed decryption, shared with encrypted vars files. */
    public static String hint(VaultException.Reason reason, VaultSecrets secrets) {
        return switch (reason) {
            case NO_PASSWORD -> "give the vault password with --vault-password-file FILE, --vault-id LABEL@FILE or the "
                    + VaultSecrets.PASSWORD_FILE_ENV + " environment variable";
            case WRONG_PASSWORD -> "check the vault password" + secrets.origin().map(o -> " in " + o).orElse("")
                    + "; it must be the one this value was encrypted with";
            case MALFORMED -> "the encrypted text is damaged: restore it from version control, or encrypt the clear text"
                    + " again (ansible-vault encrypt_string for a value, ansible-vault encrypt for a file)";
        };
    }

    @Override
    public String toString() {
        return "!vault " + Secret.REDACTED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultedValue v && v.ciphertext.equals(ciphertext);
    }

    @Override
    public int hashCode() {
        return ciphertext.hashCode();
    }
}
