package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The inventory options of every command that reads an inventory ({@code -i} repeatable,
 * {@code --vault-id}, {@code --vault-password-file}), shared as a picocli mixin so that they read and load the same way
 * everywhere. {@code -i} is not required by picocli, because {@code facts --from} and
 * {@code apply --lab} do without; the commands that need it call {@link #require}.
 */
final class InventoryOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory file or directory (YAML or INI); repeat for several.")
    List<Path> inventories = new ArrayList<>();

    @Mixin
    VaultPasswordOptions vaultPasswords = new VaultPasswordOptions();

    boolean given() {
        return !inventories.isEmpty();
    }

    /** Refuses to go on without {@code -i}, in the words picocli uses for a missing required option. */
    void require() {
        if (!given()) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '--inventory=INVENTORY'");
        }
    }

    /** Refuses to go on without {@code -i}; {@code where} and {@code hint} say what needed it. */
    void require(SourceLocation where, String hint) {
        if (!given()) {
            throw InputException.of(where, "no inventory given", hint);
        }
    }

    /** The inventories given, read with the vault passwords of {@code --vault-id}, {@code --vault-password-file} and the environment. */
    Inventory load(InventoryLoader loader) {
        return loader.load(inventories, vaultSecrets());
    }

    /** Read once per command: a prompt asks once, a password script runs once, however often they are needed. */
    private VaultSecrets secrets;

    /** The vault passwords given; {@code LABEL@prompt} asks at the terminal. */
    VaultSecrets vaultSecrets() {
        if (secrets == null) {
            secrets = vaultPasswords.secrets(new TerminalVaultPrompt(), false);
        }
        return secrets;
    }
}
