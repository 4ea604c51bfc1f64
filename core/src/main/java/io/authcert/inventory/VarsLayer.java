package io.authcert.inventory;

import java.util.Map;

/**
 * One set of variables in the precedence chain (a group's inventory vars, a group_vars file, ...).
 * Encrypted files decrypt only when their variables are first needed.
 */
interface VarsLayer {

    /** The variables, decrypting first if needed (may throw {@link io.authcert.diag.InputException}). */
    Map<String, Object> vars();

    /** Where each variable was written, as far as known without decrypting (messages only). */
    default Map<String, io.authcert.diag.SourceLocation> locations() {
        return Map.of();
    }

    /** A layer of variables already read. */
    record Plain(Map<String, Object> vars, Map<String, io.authcert.diag.SourceLocation> locations) implements VarsLayer {

        Plain(Map<String, Object> vars) {
            this(vars, Map.of());
        }
    }
}
