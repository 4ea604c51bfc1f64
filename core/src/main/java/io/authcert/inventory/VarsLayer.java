package io.authcert.inventory;

import java.util.Map;

/**
 * One set of variables in the precedence chain (a group's inventory vars, a group_vars file, ...).
 * Encrypted files decrypt only when their variables are first needed.
 */
interface VarsLayer {

    /** The variables, decrypting first if needed (may throw {@link io.authcert.diag.InputException}). */
    Map<String, Object> vars();

    /** A layer of variables already read. */
    record Plain(Map<String, Object> vars) implements VarsLayer {
    }
}
