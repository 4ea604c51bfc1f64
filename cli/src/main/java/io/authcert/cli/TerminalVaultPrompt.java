package io.authcert.cli;

import io.authcert.vault.Secret;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultPrompt;
import java.io.Console;
import java.util.Arrays;

/** Asks for a vault password at the terminal without echo ({@code --vault-id LABEL@prompt}); refuses without a terminal. */
final class TerminalVaultPrompt implements VaultPrompt {

    @Override
    public Secret ask(String label, boolean confirm) {
        Console console = System.console();
        if (console == null) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "cannot prompt for the vault password of vault id '"
                    + label + "': there is no terminal (standard input or output is redirected)");
        }
        char[] first = console.readPassword(confirm ? "New vault password (%s): " : "Vault password (%s): ", label);
        if (first == null || first.length == 0) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "no vault password was typed for vault id '" + label + "'");
        }
        try {
            if (confirm) {
                char[] second = console.readPassword("Confirm new vault password (%s): ", label);
                boolean same = second != null && Arrays.equals(first, second);
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
                if (!same) {
                    throw new VaultException(VaultException.Reason.NO_PASSWORD, "the two passwords typed for vault id '"
                            + label + "' differ");
                }
            }
            return Secret.of(new String(first));
        } finally {
            Arrays.fill(first, '\0');
        }
    }
}
