package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultPassword;
import io.authcert.vault.VaultSecrets;
import java.util.List;

/** The argument rules the {@code vault} verbs share with ansible-vault. */
final class VaultInputs {

    private VaultInputs() {
    }

    /** The files given, or standard input; {@code --output} takes one input only, as in ansible-vault. */
    static List<String> orStdin(List<String> files, String output) {
        List<String> inputs = files.isEmpty() ? List.of(VaultFiles.STDIO) : List.copyOf(files);
        if (output != null && inputs.size() > 1) {
            throw InputException.of(SourceLocation.ofFile("--output " + output),
                    "At most one input file may be used with the --output option", "run once per file");
        }
        return inputs;
    }

    /** The one password to encrypt with: {@code --encrypt-vault-id}'s, or the only one given. */
    static VaultPassword encryptionPassword(VaultSecrets secrets, String encryptVaultId) {
        try {
            return secrets.forEncryption(encryptVaultId);
        } catch (VaultException e) {
            throw InputException.of(SourceLocation.ofFile("--vault-id"), e.getMessage(),
                    "give one password: --vault-password-file FILE, --vault-id LABEL@FILE or --vault-id LABEL@prompt"
                            + " (and --encrypt-vault-id LABEL to choose among several)");
        }
    }

    /** Refuses to decrypt without any password, before reading anything. */
    static void requirePassword(VaultSecrets secrets) {
        if (secrets.isEmpty()) {
            throw InputException.of(SourceLocation.ofFile("--vault-id"), "A vault password is required to use Ansible's Vault",
                    "give it with --vault-password-file FILE, --vault-id LABEL@FILE, --vault-id LABEL@prompt or $"
                            + VaultSecrets.PASSWORD_FILE_ENV);
        }
    }
}
