package io.authcert.playbook.modules;

import io.authcert.diag.SourceLocation;

/**
 * One argument as written in a task, before validation: its variables already substituted.
 *
 * @param value the value (String, Number, Boolean, List, Map or null), or {@link #INVALID} when a
 *              problem in it was already reported (it is then neither checked again nor reported missing)
 */
public record ArgumentInput(String name, Object value, SourceLocation keyLocation, SourceLocation valueLocation) {

    /** Marks a value whose problem was already reported. */
    public static final Object INVALID = new Object() {
        @Override
        public String toString() {
            return "<invalid>";
        }
    };
}
