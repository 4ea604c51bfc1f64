package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultPassword;
import io.authcert.vault.VaultPrompt;
import io.authcert.vault.VaultSecrets;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engine vault rekey}: re-encrypts files with a new password (and vault id), keeping their permissions. */
@Command(
        name = "rekey",
        mixinStandardHelpOptions = true,
        description = "Re-encrypts vault files with a new password; the old one comes from the usual password options.",
        footer = {
            "",
            "Examples:",
            "  engine vault rekey --vault-password-file old-pass --new-vault-password-file new-pass vault.yml",
            "  engine vault rekey --vault-id prod@old-pass --new-vault-id prod@prompt group_vars/*/vault.yml",
        })
final class VaultRekeyCommand implements Callable<Integer> {

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    static final class NewPassword {
        @Option(names = "--new-vault-password-file", paramLabel = "FILE", description = "The new password's file (label 'default').")
        Path file;

        @Option(names = "--new-vault-id", paramLabel = "LABEL@SOURCE", description = "The new vault id: LABEL@FILE or LABEL@prompt.")
        String vaultId;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    NewPassword newPassword;

    @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "The vault id the new password must have.")
    String encryptVaultId;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Vault files to rekey.")
    List<String> files = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;
    private final Terminal terminal;

    @Inject
    VaultRekeyCommand(VaultFiles io, VaultPrompt prompt, Terminal terminal) {
        this.io = io;
        this.prompt = prompt;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        VaultSecrets old = passwords.secrets(prompt, false);
        VaultInputs.requirePassword(old);
        VaultPassword next = VaultInputs.encryptionPassword(newSecrets(), encryptVaultId);
        for (String file : files) {
            byte[] plain;
            try {
                plain = AnsibleVault.decrypt(new String(io.read(file), StandardCharsets.UTF_8), old);
            } catch (VaultException e) {
                throw VaultFiles.failure(file, e, old);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(Path.of(file));
            io.write(file, AnsibleVault.encrypt(plain, next.secret(), next.label()).getBytes(StandardCharsets.US_ASCII));
            Files.setPosixFilePermissions(Path.of(file), permissions);
        }
        terminal.err().println("Rekey successful");
        return ExitCode.OK;
    }

    private VaultSecrets newSecrets() {
        if (newPassword == null) {
            throw InputException.of(SourceLocation.ofFile("rekey"), "A new vault password is required to use Ansible's Vault rekey",
                    "give it with --new-vault-password-file FILE or --new-vault-id LABEL@FILE (or LABEL@prompt)");
        }
        // Only the new options: $ANSIBLE_VAULT_PASSWORD_FILE holds the old password.
        return VaultSecrets.resolve(newPassword.vaultId == null ? List.of() : List.of(newPassword.vaultId),
                newPassword.file == null ? List.of() : List.of(newPassword.file), Map.of(), prompt, true);
    }
}
