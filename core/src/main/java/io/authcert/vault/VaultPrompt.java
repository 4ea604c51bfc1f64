package io.authcert.vault;

/**
 * Asks a person for a vault password ({@code --vault-id LABEL@prompt}); the CLI reads it from the terminal
 * without echo and refuses when there is no terminal.
 */
public interface VaultPrompt {

    /** Refuses every prompt, for callers that never ask (tests, the lab). */
    VaultPrompt NONE = (label, confirm) -> {
        throw new VaultException(VaultException.Reason.NO_PASSWORD,
                "cannot prompt for the vault password of vault id '" + label + "' here");
    };

    /**
     * The password typed for {@code label}; with {@code confirm}, asked twice (a new password) and refused
     * when the two differ.
     */
    Secret ask(String label, boolean confirm);
}
