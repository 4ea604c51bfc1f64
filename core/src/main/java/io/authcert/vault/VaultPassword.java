package io.authcert.vault;

import java.util.Objects;

/**
 * One vault password with its vault id label ({@code default} when none was given) and where it came
 * from, for messages; the password itself is a {@link Secret}.
 */
public record VaultPassword(String label, Secret secret, String origin) {

    public VaultPassword {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "VaultPassword[" + label + " from " + origin + "]";
    }
}
