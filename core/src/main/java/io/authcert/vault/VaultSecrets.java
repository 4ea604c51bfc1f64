package io.authcert.vault;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ansible-vault passwords available to this run, each with its vault id label, in the order they
 * were given; handed to whatever must decrypt or encrypt a vaulted value.
 */
public final class VaultSecrets {

    /** The environment variable Ansible reads the password file from. */
    public static final String PASSWORD_FILE_ENV = "ANSIBLE_VAULT_PASSWORD_FILE";

    private static final VaultSecrets NONE = new VaultSecrets(List.of());

    private final List<VaultPassword> passwords;

    private VaultSecrets(List<VaultPassword> passwords) {
        this.passwords = List.copyOf(passwords);
    }

    /** No password: vaulted values can be carried around but not decrypted. */
    public static VaultSecrets none() {
        return NONE;
    }

    /** One password given directly (tests, or a caller that read it elsewhere). */
    public static VaultSecrets of(Secret password) {
        return new VaultSecrets(List.of(new VaultPassword(VaultId.DEFAULT_LABEL, password, "password given")));
    }

    public static VaultSecrets of(List<VaultPassword> passwords) {
        return new VaultSecrets(passwords);
    }

    /** Reads one password file (or runs it, when it is an executable script), label {@code default}. */
    public static VaultSecrets fromFile(Path file) {
        return of(List.of(new VaultPasswordFile(SecretCommand.withDefaultTimeout()).read(file, VaultId.DEFAULT_LABEL)));
    }

    /** The password file named on the command line, else the one in {@code ANSIBLE_VAULT_PASSWORD_FILE}, else none. */
    public static VaultSecrets resolve(Path passwordFile, Map<String, String> environment) {
        return resolve(List.of(), passwordFile == null ? List.of() : List.of(passwordFile), environment, VaultPrompt.NONE, false);
    }

    /**
     * Every password given, in Ansible's order: the {@code --vault-id}s, then the {@code --vault-password-file}s,
     * then {@code ANSIBLE_VAULT_PASSWORD_FILE}.
     *
     * @param confirm whether a prompted password is new (asked twice), as for encrypting
     * @throws InputException naming the file or vault id that cannot give a password
     */
    public static VaultSecrets resolve(List<String> vaultIds, List<Path> passwordFiles, Map<String, String> environment,
            VaultPrompt prompt, boolean confirm) {
        VaultPasswordFile files = new VaultPasswordFile(SecretCommand.withDefaultTimeout());
        List<VaultPassword> found = new ArrayList<>();
        for (String text : vaultIds) {
            VaultId id = VaultId.parse(text);
            if (id.prompts()) {
                found.add(new VaultPassword(id.label(), ask(prompt, id, confirm), "the prompt for vault id " + id.label()));
            } else {
                found.add(files.read(Path.of(id.source()), id.label()));
            }
        }
        for (Path file : passwordFiles) {
            found.add(files.read(file, VaultId.DEFAULT_LABEL));
        }
        String fromEnv = environment.get(PASSWORD_FILE_ENV);
        if (fromEnv != null && !fromEnv.isBlank() && !passwordFiles.contains(Path.of(fromEnv))) {
            found.add(files.read(Path.of(fromEnv), VaultId.DEFAULT_LABEL));
        }
        return new VaultSecrets(found);
    }

    private static Secret ask(VaultPrompt prompt, VaultId id, boolean confirm) {
        try {
            return prompt.ask(id.label(), confirm);
        } catch (VaultException e) {
            throw InputException.of(SourceLocation.ofFile("--vault-id " + id.label() + "@" + id.source()), e.getMessage(),
                    "run it at a terminal, or give the password in a file: --vault-id " + id.label() + "@FILE");
        }
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    /** Every password, in the order given. */
    public List<VaultPassword> all() {
        return passwords;
    }

    /** Passwords to try on data labelled {@code label} (null for none): that label's first, then the rest, as Ansible does. */
    List<VaultPassword> candidates(String label) {
        List<VaultPassword> ordered = new ArrayList<>();
        passwords.stream().filter(p -> p.label().equals(label)).forEach(ordered::add);
        passwords.stream().filter(p -> !p.label().equals(label)).forEach(ordered::add);
        return ordered;
    }

    /**
     * The password to encrypt with, chosen as ansible-vault chooses: the one labelled {@code encryptVaultId}
     * when given, else the only one.
     *
     * @throws VaultException NO_PASSWORD when there is none, none with that label, or several to choose from
     */
    public VaultPassword forEncryption(String encryptVaultId) {
        if (encryptVaultId != null) {
            return passwords.stream().filter(p -> p.label().equals(encryptVaultId)).findFirst().orElseThrow(() ->
                    new VaultException(VaultException.Reason.NO_PASSWORD, "Did not find a match for --encrypt-vault-id="
                            + encryptVaultId + " in the known vault-ids " + labels()));
        }
        if (passwords.isEmpty()) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "A vault password is required to encrypt");
        }
        if (passwords.size() > 1) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "The vault-ids " + labels().stream()
                    .collect(Collectors.joining(",")) + " are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id");
        }
        return passwords.get(0);
    }

    private List<String> labels() {
        return passwords.stream().map(VaultPassword::label).toList();
    }

    /** Where the passwords came from, for messages (never the passwords themselves). */
    public Optional<String> origin() {
        return passwords.isEmpty() ? Optional.empty()
                : Optional.of(passwords.stream().map(VaultPassword::origin).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return "VaultSecrets[" + passwords.size() + " password(s)]";
    }
}
