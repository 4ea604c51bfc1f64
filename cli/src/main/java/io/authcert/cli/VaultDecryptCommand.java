package io.authcert.cli;

import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultException;
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

/** {@code engine vault decrypt}: decrypts files in place (or into {@code --output}), as ansible-vault decrypt. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description = "Decrypts files in place, or standard input when no file (or '-') is given.",
        footer = {
            "",
            "Examples:",
            "  engine vault decrypt --vault-password-file ~/.vault-pass group_vars/all/vault.yml",
            "  engine vault decrypt --vault-id prod@prompt --output - group_vars/all/vault.yml",
        })
final class VaultDecryptCommand implements Callable<Integer> {

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of in place ('-' for standard output); one input only.")
    String output;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to decrypt ('-' for standard input).")
    List<String> files = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;

    @Inject
    VaultDecryptCommand(VaultFiles io, VaultPrompt prompt) {
        this.io = io;
        this.prompt = prompt;
    }

    @Override
    public Integer call() {
        List<String> inputs = VaultInputs.orStdin(files, output);
        VaultSecrets secrets = passwords.secrets(prompt, false);
        VaultInputs.requirePassword(secrets);
        for (String file : inputs) {
            byte[] plain;
            try {
                plain = AnsibleVault.decrypt(new String(io.read(file), StandardCharsets.UTF_8), secrets);
            } catch (VaultException e) {
                throw VaultFiles.failure(file, e, secrets);
            }
            io.write(output != null ? output : file, plain);
        }
        return ExitCode.OK;
    }
}
