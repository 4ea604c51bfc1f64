package io.authcert.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a connection password comes from when the inventory names a source instead of holding it: an
 * environment variable of the engine's process ({@code authcert_password_env}) or the output of a command
 * ({@code authcert_password_command}). Each distinct source is read once per instance, whatever the number
 * of hosts that name it, and its failure is remembered as well, so a broken command is not run again per
 * host; the CLI keeps one instance per command invocation.
 */
public final class PasswordSources {

    /** The inventory variable naming an environment variable that holds the password. */
    public static final String ENV_VARIABLE = "authcert_password_env";
    /** The inventory variable naming a command whose standard output is the password. */
    public static final String COMMAND_VARIABLE = "authcert_password_command";

    /** Shell words a command line may start with that are no program on PATH. */
    private static final Set<String> SHELL_WORDS = Set.of("exec", "eval", "command", "cd", ".", "source", "set", "export",
            "if", "for", "while", "until", "case", "{", "(", "!", "[", "test", "echo", "printf", "read", "umask");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    /** How a vaulted command is named in messages: not even its program is decrypted into one. */
    private static final String VAULTED = "(vaulted command)";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./+~-]+");

    /** A source as the inventory writes it. */
    public sealed interface Source permits FromEnvironment, FromCommand {
        /** The inventory variable that named it. */
        String variable();
    }

    /** {@code authcert_password_env: NAME}. */
    public record FromEnvironment(String name) implements Source {
        @Override
        public String variable() {
            return ENV_VARIABLE;
        }
    }

    /**
     * {@code authcert_password_command}: a list is run as it is, without a shell; a string is a command line for
     * {@code /bin/sh -c} (as Ansible's {@code pipe} lookup runs one). {@code program} names it in messages.
     */
    public record FromCommand(List<String> argv, boolean shell, String program) implements Source {
        public FromCommand {
            argv = List.copyOf(argv);
        }

        @Override
        public String variable() {
            return COMMAND_VARIABLE;
        }

        /** The program alone: its arguments may hold something private. */
        @Override
        public String toString() {
            return "FromCommand[" + program + (shell ? " (shell)" : "") + "]";
        }
    }

    /** The source cannot give a password; the message names the source (never its output), the hint what to do. */
    public static final class Unavailable extends RuntimeException {
        private final String hint;

        Unavailable(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private final Map<String, String> environment;
    private final SecretCommand command;
    private final boolean checkOnly;
    private final Map<Source, Object> known = new HashMap<>();

    private PasswordSources(Map<String, String> environment, SecretCommand command, boolean checkOnly) {
        this.environment = Map.copyOf(environment);
        this.command = command;
        this.checkOnly = checkOnly;
    }

    /** Reads environment variables from {@code environment} and runs commands with {@code command}. */
    public static PasswordSources reading(Map<String, String> environment, SecretCommand command) {
        return new PasswordSources(environment, command, false);
    }

    /**
     * For {@code engine validate}: checks that the environment variable is set and the command's program can
     * be found, runs nothing, and gives a stand-in password.
     */
    public PasswordSources checking() {
        return new PasswordSources(environment, command, true);
    }

    /**
     * The source an inventory value describes.
     *
     * @throws Unavailable when the value has the wrong form (a map, an empty list, an empty name)
     */
    public static Source source(String variable, Object value) {
        if (variable.equals(ENV_VARIABLE)) {
            if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
                throw new Unavailable("the value is not the name of an environment variable",
                        "write the variable's name, e.g. " + ENV_VARIABLE + ": EXCH_ADMIN_PASSWORD");
            }
            String name = SecretValues.text(value).strip();
            if (name.isEmpty() || name.contains("=") || name.contains("\0")) {
                throw new Unavailable("the value is not the name of an environment variable",
                        "write the variable's name, e.g. " + ENV_VARIABLE + ": EXCH_ADMIN_PASSWORD");
            }
            return new FromEnvironment(name);
        }
        if (!variable.equals(COMMAND_VARIABLE)) {
            throw new IllegalArgumentException("not a password source variable: " + variable);
        }
        String hint = "write a command line (" + COMMAND_VARIABLE + ": \"pass show exchange/admin\", run by /bin/sh) or a"
                + " list of words run without a shell (" + COMMAND_VARIABLE + ": [pass, show, exchange/admin])";
        boolean vaulted = value instanceof Secret || value instanceof VaultedValue;
        if (value instanceof Map<?, ?>) {
            throw new Unavailable("the value is neither a command line nor a list", hint);
        }
        if (value instanceof Collection<?> words) {
            List<String> argv = new ArrayList<>();
            for (Object word : words) {
                if (word == null || word instanceof Collection<?> || word instanceof Map<?, ?>) {
                    throw new Unavailable("the list has an item that is not a word", hint);
                }
                argv.add(SecretValues.text(word));
            }
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw new Unavailable("the value names no program", hint);
            }
            return new FromCommand(argv, false, vaulted ? VAULTED : argv.get(0));
        }
        String line = SecretValues.text(value).strip();
        if (line.isEmpty()) {
            throw new Unavailable("the value names no program", hint);
        }
        List<String> argv = WINDOWS ? List.of("cmd.exe", "/d", "/c", line) : List.of("/bin/sh", "-c", line);
        return new FromCommand(argv, true, vaulted ? VAULTED : line.split("\\s+", 2)[0]);
    }

    /**
     * The password the inventory value {@code value} of {@code variable} leads to. When only checking, a vaulted
     * value is not looked into (validate runs without the vault password): it is checked when it is used.
     *
     * @throws Unavailable as {@link #source} and {@link #password(Source)}
     */
    public Secret password(String variable, Object value) {
        if (checkOnly && (value instanceof Secret || value instanceof VaultedValue)) {
            return Secret.of(Secret.REDACTED);
        }
        return password(source(variable, value));
    }

    /**
     * The password {@code source} gives: read or run the first time it is asked for, remembered after.
     *
     * @throws Unavailable when the variable is unset or empty, the program is not found, fails, times out or prints
     *     nothing (remembered too: a second host naming the same source gets the same failure without a second run)
     */
    public synchronized Secret password(Source source) {
        Objects.requireNonNull(source, "source");
        Object result = known.computeIfAbsent(source, s -> {
            try {
                return obtain(s);
            } catch (Unavailable e) {
                return e;
            }
        });
        if (result instanceof Unavailable e) {
            throw new Unavailable(e.getMessage(), e.hint());
        }
        return (Secret) result;
    }

    private Secret obtain(Source source) {
        if (source instanceof FromEnvironment env) {
            String value = environment.get(env.name());
            if (value == null) {
                throw new Unavailable("the environment variable " + env.name() + " is not set",
                        "set it in the environment that runs the engine (read -rs " + env.name() + " && export "
                                + env.name() + "), or remove " + ENV_VARIABLE);
            }
            if (value.isEmpty()) {
                throw new Unavailable("the environment variable " + env.name() + " is empty",
                        "export the password in " + env.name() + ", or remove " + ENV_VARIABLE);
            }
            return checkOnly ? Secret.of(Secret.REDACTED) : Secret.of(value);
        }
        FromCommand run = (FromCommand) source;
        requireProgram(run);
        if (checkOnly) {
            return Secret.of(Secret.REDACTED);
        }
        try {
            return command.run(run.argv(), run.program());
        } catch (SecretCommand.Failed e) {
            throw new Unavailable(e.getMessage(), "run the command by hand to see why (its error output, if any, is"
                    + " shown above; its standard output never is)");
        }
    }

    /** The program of a list, or of a command line that starts with a plain word, must exist before anything runs. */
    private void requireProgram(FromCommand run) {
        String program = run.shell() ? run.argv().get(run.argv().size() - 1).strip().split("\\s+", 2)[0] : run.argv().get(0);
        if (run.shell() && (SHELL_WORDS.contains(program) || !PLAIN_WORD.matcher(program).matches())) {
            return; // a shell construct: the shell will say what it thinks of it
        }
        if (program.startsWith("~")) {
            if (!run.shell()) {
                throw new Unavailable("the program " + run.program() + " starts with ~, which only a shell expands",
                        "write its full path, or the command as one line (run by /bin/sh)");
            }
            String home = environment.get("HOME");
            if (home == null || !program.startsWith("~/")) {
                return; // ~user: the shell knows where that is
            }
            program = home + program.substring(1);
        }
        if (program.contains("/") || program.contains("\\")) {
            Path path = Path.of(program);
            if (!Files.isRegularFile(path)) {
                throw new Unavailable("the program " + run.program() + " is not there",
                        "give the path of an executable file, or a program name found on PATH");
            }
            if (!Files.isExecutable(path)) {
                throw new Unavailable("the program " + run.program() + " is not executable", "chmod u+x " + run.program());
            }
            return;
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String candidate : WINDOWS ? List.of(program + ".exe", program + ".cmd", program + ".bat", program)
                    : List.of(program)) {
                Path path = Path.of(dir, candidate);
                if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                    return;
                }
            }
        }
        throw new Unavailable("the program " + run.program() + " is not found on PATH",
                "install it, or give its full path (" + COMMAND_VARIABLE + ": [/usr/bin/NAME, ...])");
    }

    @Override
    public String toString() {
        return "PasswordSources[" + known.size() + " read" + (checkOnly ? ", checking only" : "") + "]";
    }
}
