package io.authcert.playbook.modules;

/** The type of a module argument, as written in {@code docs/playbook.md}; each knows how to read a YAML value. */
public enum ArgumentType {
    /** Text. Numbers are accepted and written as text (as Ansible does); booleans are refused. */
    STRING("string"),
    /** A whole number; text of digits (from {@code -e key=value}) is accepted. */
    INT("integer"),
    /** {@code true}/{@code false} (also {@code yes}/{@code no}, as in Ansible). */
    BOOL("boolean"),
    /** A list of text; a single text is split at commas, as Ansible's {@code list} type does. */
    LIST("list of strings"),
    /** A duration: seconds as a number, or text such as {@code 90m}, {@code 2h}, {@code 1h30m}, {@code 45s}. */
    DURATION("duration");

    private final String displayName;

    ArgumentType(String displayName) {
        this.displayName = displayName;
    }

    /** The name shown in messages and documentation. */
    public String displayName() {
        return displayName;
    }
}
