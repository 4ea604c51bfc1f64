package io.authcert.cli;

import io.authcert.vault.VaultPrompt;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the ansible-vault passwords come from, as ansible-vault and ansible-playbook take them: repeatable
 * {@code --vault-id LABEL@FILE|LABEL@prompt} and {@code --vault-password-file FILE}, then
 * {@code $ANSIBLE_VAULT_PASSWORD_FILE}; a mixin of the inventory options and of every {@code vault} verb.
 */
final class VaultPasswordOptions {

    @Option(names = "--vault-id", paramLabel = "LABEL@SOURCE",
            description = "A vault password with its vault id: LABEL@FILE (an executable file is run, its output is the"
                    + " password), LABEL@prompt (asked at the terminal), or FILE (label 'default'). Repeatable; tried in order.")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "File holding the ansible-vault password, or an executable that prints it"
                    + " (also: $ANSIBLE_VAULT_PASSWORD_FILE). Repeatable.")
    List<Path> passwordFiles = new ArrayList<>();

    /** Every password given, read now; a prompted one is asked twice when {@code confirm} (a new password). */
    VaultSecrets secrets(VaultPrompt prompt, boolean confirm) {
        return VaultSecrets.resolve(vaultIds, passwordFiles, System.getenv(), prompt, confirm);
    }
}
