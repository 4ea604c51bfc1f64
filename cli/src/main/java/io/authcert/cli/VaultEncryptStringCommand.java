package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultPassword;
import io.authcert.vault.VaultPrompt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine vault encrypt_string}: prints each string as a {@code !vault |} YAML block to paste into an
 * inventory or vars file, formatted as ansible-vault formats it (indented ten spaces).
 */
@Command(
        name = "encrypt_string",
        mixinStandardHelpOptions = true,
        description = "Encrypts strings into '!vault |' YAML blocks; reads standard input when no string (or '-') is given.",
        footer = {
            "",
            "Examples:",
            "  engine vault encrypt_string --vault-id prod@~/.vault-prod --name ansible_password 'S3cret!'",
            "  printf %s 'S3cret!' | engine vault encrypt_string --vault-password-file ~/.vault-pass --stdin-name ansible_password",
            "",
            "Output:",
            "  ansible_password: !vault |",
            "            $ANSIBLE_VAULT;1.2;AES256;prod",
            "            3536...",
        })
final class VaultEncryptStringCommand implements Callable<Integer> {

    private static final String INDENT = " ".repeat(10);

    @Mixin
    VaultPasswordOptions passwords = new VaultPasswordOptions();

    @Option(names = "--encrypt-vault-id", paramLabel = "LABEL",
            description = "The vault id to encrypt with, when several --vault-id are given.")
    String encryptVaultId;

    @Option(names = {"-n", "--name"}, paramLabel = "VAR", description = "Variable name of the next string (repeatable, in order).")
    List<String> names = new ArrayList<>();

    @Option(names = "--stdin-name", paramLabel = "VAR", description = "Read the string from standard input, named VAR.")
    String stdinName;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the blocks to FILE instead of standard output.")
    String output = VaultFiles.STDIO;

    @Parameters(paramLabel = "STRING", arity = "0..*", description = "Strings to encrypt ('-' for standard input).")
    List<String> strings = new ArrayList<>();

    private final VaultFiles io;
    private final VaultPrompt prompt;
    private final Terminal terminal;

    @Inject
    VaultEncryptStringCommand(VaultFiles io, VaultPrompt prompt, Terminal terminal) {
        this.io = io;
        this.prompt = prompt;
        this.terminal = terminal;
    }

    private record Plain(byte[] bytes, String name, String source) {
    }

    @Override
    public Integer call() {
        VaultPassword password = VaultInputs.encryptionPassword(passwords.secrets(prompt, true), encryptVaultId);
        List<Plain> plains = plaintexts();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plains.size(); i++) {
            Plain plain = plains.get(i);
            if (plains.size() > 1) {
                terminal.err().println("# The encrypted version of " + (plain.name() == null ? "the string" : "variable (\""
                        + plain.name() + "\", the string") + " #" + (i + 1) + " from " + plain.source() + ").");
            }
            out.append(block(AnsibleVault.encrypt(plain.bytes(), password.secret(), password.label()), plain.name())).append('\n');
        }
        terminal.err().flush();
        io.write(output, out.toString().getBytes(StandardCharsets.UTF_8));
        return ExitCode.OK;
    }

    private List<Plain> plaintexts() {
        List<Plain> plains = new ArrayList<>();
        if (strings.isEmpty() || strings.contains(VaultFiles.STDIO) || stdinName != null) {
            byte[] stdin = io.read(VaultFiles.STDIO);
            if (stdin.length == 0) {
                throw InputException.of(SourceLocation.ofFile("<stdin>"), "stdin was empty, not encrypting",
                        "pipe the string in, or give it as an argument");
            }
            plains.add(new Plain(stdin, stdinName, "stdin"));
        }
        int n = 0;
        for (String s : strings) {
            if (s.equals(VaultFiles.STDIO)) {
                continue;
            }
            if (s.isEmpty()) {
                throw InputException.of(SourceLocation.ofFile("encrypt_string"),
                        "The plaintext provided from the command line args was empty, not encrypting", "give a non-empty string");
            }
            plains.add(new Plain(s.getBytes(StandardCharsets.UTF_8), n < names.size() ? names.get(n) : null, "the command line args"));
            n++;
        }
        return plains;
    }

    /** ansible-vault's {@code format_ciphertext_yaml}. */
    static String block(String vaultText, String name) {
        StringBuilder yaml = new StringBuilder(name == null ? "" : name + ": ").append("!vault |");
        vaultText.lines().forEach(line -> yaml.append('\n').append(INDENT).append(line));
        return yaml.toString();
    }
}
