package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultPassword;
import io.authcert.vault.VaultPrompt;
import io.authcert.vault.VaultSecrets;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engine vault encrypt}: encrypts files in place (or into {@code --output}), as ansible-vault encrypt. */
@Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        description = "Encrypts files in place, or standard input when no file (or '-') is given.",
        footer = {
            "",
            "Examples:",
            "  engine vault encrypt --vault-password-file ~/.vault-pass group_vars/all/vault.yml",
            "  engine vault encrypt --vault-id prod@~/.vault-prod --output vault.yml secrets.yml",
            "  printf 'ansible_password: x\\n' | engine vault encrypt --vault-id prod@prompt --output vault.yml",
        })
final class VaultEncryptCommand implements Callable<Integer> {

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    @Option(names = "--encrypt-vault-id", paramLabel = "LABEL",
            description = "The vault id to encrypt with, when several --vault-id are given.")
    String encryptVaultId;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of in place ('-' for standard output); one input only.")
    String output;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to encrypt ('-' for standard input).")
    List<String> files = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;

    @Inject
    VaultEncryptCommand(VaultFiles io, VaultPrompt prompt) {
        this.io = io;
        this.prompt = prompt;
    }

    @Override
    public Integer call() {
        List<String> inputs = VaultInputs.orStdin(files, output);
        VaultSecrets secrets = passwords.secrets(prompt, true);
        VaultPassword password = VaultInputs.encryptionPassword(secrets, encryptVaultId);
        for (String file : inputs) {
            byte[] plain = io.read(file);
            if (AnsibleVault.isVaulted(new String(plain, StandardCharsets.ISO_8859_1))) {
                // ansible-vault's words; encrypting twice would hide the data behind two passwords.
                throw InputException.of(SourceLocation.ofFile(file.equals(VaultFiles.STDIO) ? "<stdin>" : file),
                        "input is already encrypted", "it is an ansible-vault file already: engine vault view, edit or"
                                + " rekey it (to change its password: rekey)");
            }
            String text;
            try {
                text = AnsibleVault.encrypt(plain, password.secret(), password.label());
            } catch (VaultException e) {
                throw VaultFiles.failure(file, e, secrets);
            }
            io.write(output != null ? output : file, text.getBytes(StandardCharsets.US_ASCII));
        }
        return ExitCode.OK;
    }
}
