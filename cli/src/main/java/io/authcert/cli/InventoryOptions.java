package io.authcert.cli;

import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The inventory options of the commands that must have one ({@code -i} repeatable, {@code --vault-password-file}),
 * shared as a picocli mixin so that they read and load the same way everywhere.
 */
final class InventoryOptions {

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file or directory (YAML or INI); repeat for several.")
    List<Path> inventories;

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "File holding the ansible-vault password (default: $ANSIBLE_VAULT_PASSWORD_FILE).")
    Path vaultPasswordFile;

    /** The inventories given, read with the vault password from the option or {@code $ANSIBLE_VAULT_PASSWORD_FILE}. */
    Inventory load(InventoryLoader loader) {
        return loader.load(inventories, VaultSecrets.resolve(vaultPasswordFile, System.getenv()));
    }
}
