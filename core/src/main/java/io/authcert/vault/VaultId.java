package io.authcert.vault;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;

/**
 * A {@code --vault-id} as Ansible reads it: {@code LABEL@SOURCE}, or only {@code SOURCE} for the label
 * {@code default}; the source is a password file (or script), or {@code prompt} to ask at the terminal.
 */
public record VaultId(String label, String source) {

    /** The label of passwords given without one ({@code --vault-password-file}), as in Ansible. */
    public static final String DEFAULT_LABEL = VaultEnvelope.DEFAULT_LABEL;

    /**
     * Splits at the first {@code @}.
     *
     * @throws InputException for an empty part or a {@code ;} in the label, which would break the vault header
     */
    public static VaultId parse(String text) {
        int at = text.indexOf('@');
        String label = at < 0 ? DEFAULT_LABEL : text.substring(0, at);
        String source = at < 0 ? text : text.substring(at + 1);
        SourceLocation where = SourceLocation.ofFile("--vault-id " + text);
        if (label.contains(";")) {
            throw InputException.of(where, "'" + label + "' is not a valid vault id: ';' is not allowed in vault ids",
                    "choose a label without ';', e.g. --vault-id prod@~/.vault-prod");
        }
        if (label.isEmpty() || source.isEmpty()) {
            throw InputException.of(where, "a vault id needs a label and a source",
                    "write LABEL@FILE, LABEL@prompt, or only FILE (label 'default')");
        }
        return new VaultId(label, source);
    }

    /** Whether the password is asked at the terminal ({@code prompt}, or Ansible's {@code prompt_ask_vault_pass}). */
    public boolean prompts() {
        return source.equals("prompt") || source.equals("prompt_ask_vault_pass");
    }
}
