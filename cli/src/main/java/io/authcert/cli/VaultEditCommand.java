package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultPrompt;
import io.authcert.vault.VaultSecrets;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code engine vault edit}: decrypts a file into a temporary file only its owner can read, opens
 * {@code $EDITOR} on it, encrypts the result again with the same password and vault id when it changed,
 * and always overwrites and removes the temporary file.
 */
@Command(
        name = "edit",
        mixinStandardHelpOptions = true,
        description = "Edits vault files in $EDITOR (default vi); saved again only when changed, with the same vault id.",
        footer = {
            "",
            "Example:",
            "  EDITOR=nano engine vault edit --vault-password-file ~/.vault-pass group_vars/all/vault.yml",
        })
final class VaultEditCommand implements Callable<Integer> {

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Vault files to edit.")
    List<String> files = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;
    private final FileEditor editor;

    @Inject
    VaultEditCommand(VaultFiles io, VaultPrompt prompt, FileEditor editor) {
        this.io = io;
        this.prompt = prompt;
        this.editor = editor;
    }

    @Override
    public Integer call() throws IOException {
        VaultSecrets secrets = passwords.secrets(prompt, false);
        VaultInputs.requirePassword(secrets);
        for (String file : files) {
            AnsibleVault.Decrypted opened;
            try {
                opened = AnsibleVault.open(new String(io.read(file), StandardCharsets.UTF_8), secrets);
            } catch (VaultException e) {
                throw VaultFiles.failure(file, e, secrets);
            }
            byte[] edited = edit(file, opened.plaintext());
            if (!Arrays.equals(edited, opened.plaintext())) {
                String label = opened.label() != null ? opened.label() : opened.password().label();
                io.write(file, AnsibleVault.encrypt(edited, opened.password().secret(), label).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return ExitCode.OK;
    }

    private byte[] edit(String file, byte[] plaintext) throws IOException {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path temp = Files.createTempFile("authcert-vault-", dot > 0 ? name.substring(dot) : ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, plaintext);
            int status = editor.edit(temp);
            if (status != 0) {
                throw InputException.of(SourceLocation.ofFile(file), "the editor exited with status "
                        + status + "; the file was left as it was", "check $EDITOR");
            }
            try {
                return Files.readAllBytes(temp);
            } catch (IOException e) {
                throw InputException.of(SourceLocation.ofFile(file), "the edited text cannot be read back ("
                        + e.getClass().getSimpleName() + "); the file was left as it was",
                        "save the file in place in the editor (an editor that replaces or removes it loses the edit)");
            }
        } finally {
            // Overwrite before removing, as ansible-vault shreds its temporary file.
            if (Files.exists(temp)) {
                Files.write(temp, new byte[(int) Files.size(temp)]);
            }
            VaultFiles.deleteQuietly(temp);
        }
    }
}
