package io.authcert.vault;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ansible-vault passwords available to this run (none, or one read from a password file), handed
 * to whatever must decrypt a vaulted value.
 */
public final class VaultSecrets {

    /** The environment variable Ansible reads the password file from. */
    public static final String PASSWORD_FILE_ENV = "ANSIBLE_VAULT_PASSWORD_FILE";

    private static final VaultSecrets NONE = new VaultSecrets(List.of(), null);

    private final List<Secret> passwords;
    private final String origin;

    private VaultSecrets(List<Secret> passwords, String origin) {
        this.passwords = List.copyOf(passwords);
        this.origin = origin;
    }

    /** No password: vaulted values can be carried around but not decrypted. */
    public static VaultSecrets none() {
        return NONE;
    }

    /** One password given directly (tests, or a caller that read it elsewhere). */
    public static VaultSecrets of(Secret password) {
        return new VaultSecrets(List.of(password), "password given");
    }

    /**
     * Reads the password the way ansible-vault does: the whole file, surrounding whitespace removed. Executable password scripts are refused, because we do not run programs from the inventory.
     */
    public static VaultSecrets fromFile(Path file) {
        SourceLocation where = SourceLocation.ofFile(file.toString());
        if (Files.isDirectory(file)) {
            throw InputException.of(where, "vault password file is a directory, not a file",
                    "name the file inside it that holds the ansible-vault password (--vault-password-file FILE)");
        }
        if (!Files.isRegularFile(file)) {
            throw InputException.of(where, "vault password file not found",
                    "give the path of a file that holds the ansible-vault password (--vault-password-file FILE)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw io.authcert.diag.ReadFailure.exception(file, "vault password file", e);
        }
        if (text.startsWith("#!")) {
            throw InputException.of(where, "vault password scripts are not supported",
                    "put the password itself in a file and pass that file");
        }
        String password = text.strip();
        if (password.isEmpty()) {
            throw InputException.of(where, "vault password file is empty", "write the ansible-vault password into it");
        }
        return new VaultSecrets(List.of(Secret.of(password)), file.toString());
    }

    /**
     * The password file named on the command line, else the one in {@code ANSIBLE_VAULT_PASSWORD_FILE},
     * else none.
     */
    public static VaultSecrets resolve(Path passwordFile, Map<String, String> environment) {
        if (passwordFile != null) {
            return fromFile(passwordFile);
        }
        String fromEnv = environment.get(PASSWORD_FILE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromFile(Path.of(fromEnv));
        }
        return none();
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    /** Passwords to try, in order. */
    List<Secret> passwords() {
        return passwords;
    }

    /** Where the password came from, for messages (never the password itself). */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    @Override
    public String toString() {
        return "VaultSecrets[" + passwords.size() + " password(s)]";
    }
}
