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
import picocli.CommandLine.Parameters;

/** {@code engine vault view}: prints decrypted files on standard output, leaving them encrypted. */
@Command(
        name = "view",
        mixinStandardHelpOptions = true,
        description = "Prints the decrypted contents of vault files (no pager: pipe to less if you like).",
        footer = {
            "",
            "Example:",
            "  engine vault view --vault-id prod@prompt group_vars/all/vault.yml",
        })
final class VaultViewCommand implements Callable<Integer> {

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Vault files to show.")
    List<String> files = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;

    @Inject
    VaultViewCommand(VaultFiles io, VaultPrompt prompt) {
        this.io = io;
        this.prompt = prompt;
    }

    @Override
    public Integer call() {
        VaultSecrets secrets = passwords.secrets(prompt, false);
        VaultInputs.requirePassword(secrets);
        for (String file : files) {
            try {
                io.write(VaultFiles.STDIO, AnsibleVault.decrypt(new String(io.read(file), StandardCharsets.UTF_8), secrets));
            } catch (VaultException e) {
                throw VaultFiles.failure(file, e, secrets);
            }
        }
        return ExitCode.OK;
    }
}
