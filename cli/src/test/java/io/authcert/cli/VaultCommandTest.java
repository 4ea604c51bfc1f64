package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.VaultSecrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine vault} through Main on its errors and edge cases: after every command, failed or not, the
 * directory holds exactly what it should (no temporary file beside the file, none left by {@code edit}),
 * written files are owner-only, and a failure leaves the original as it was.
 */
class VaultCommandTest {

    private static final String PLAIN = "ansible_password: Kowari-Plain-88\n";

    @TempDir
    Path dir;
    private Path work;
    private Path passwordFile;
    private Path otherPasswordFile;

    private record Run(int code, String out, String err, byte[] stdout) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void files() throws IOException {
        Path passwords = Files.createDirectories(dir.resolve("passwords"));
        passwordFile = Files.writeString(passwords.resolve("vault-pass"), "correct horse\n");
        otherPasswordFile = Files.writeString(passwords.resolve("other-pass"), "battery staple\n");
        work = Files.createDirectories(dir.resolve("work"));
    }

    private Run run(Map<String, String> editorEnv, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AbstractModule wiring = new AbstractModule() {
            @Override
            protected void configure() {
                bind(StandardStreams.class).toInstance(new StandardStreams() {
                    @Override
                    public InputStream in() {
                        return new ByteArrayInputStream(stdin);
                    }

                    @Override
                    public OutputStream out() {
                        return stdout;
                    }
                });
                bind(FileEditor.class).toInstance(new EnvironmentEditor(editorEnv));
            }
        };
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)), wiring);
        return new Run(code, out.toString(), err.toString(), stdout.toByteArray());
    }

    private Run run(String... args) {
        return run(Map.of(), new byte[0], args);
    }

    /** Every file under the work directory with its permissions and content, to compare before and after. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.filter(p -> !p.equals(work)).toList()) {
                files.put(work.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + (Files.isRegularFile(p) ? " " + new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "/"));
            }
        }
        return files;
    }

    private static String perms(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Path plainFile(String name) throws IOException {
        Path file = Files.writeString(work.resolve(name), PLAIN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private Path encryptedFile(String name, String vaultIdOrFile) throws IOException {
        Path file = plainFile(name);
        Run encrypt = run("vault", "encrypt", vaultIdOrFile.contains("@") ? "--vault-id" : "--vault-password-file", vaultIdOrFile,
                file.toString());
        assertThat(encrypt.code()).as(encrypt.all()).isZero();
        return file;
    }

    private String decrypted(Path file) throws IOException {
        return new String(AnsibleVault.decrypt(Files.readString(file), VaultSecrets.fromFile(passwordFile)), StandardCharsets.UTF_8);
    }

    @Test
    void encryptAndDecryptInPlaceWriteOwnerOnlyAndLeaveNoTemporaryFile() throws IOException {
        Path file = plainFile("vault.yml");

        Run encrypt = run("vault", "encrypt", "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(encrypt.code()).as(encrypt.all()).isZero();
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(decrypted(file)).isEqualTo(PLAIN);
        assertThat(perms(file)).isEqualTo("rw-------");
        assertThat(snapshot()).containsOnlyKeys("vault.yml");

        Run decrypt = run("vault", "decrypt", "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(decrypt.code()).as(decrypt.all()).isZero();
        assertThat(Files.readString(file)).isEqualTo(PLAIN);
        assertThat(perms(file)).as("ansible-vault writes 0600 too").isEqualTo("rw-------");
        assertThat(snapshot()).containsOnlyKeys("vault.yml");
    }

    @Test
    void decryptOfAFileThatIsNotEncryptedChangesNothing() throws IOException {
        Path file = plainFile("plain.yml");
        Map<String, String> before = snapshot();

        Run run = run("vault", "decrypt", "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains(file + ": not ansible-vault data (it does not start with $ANSIBLE_VAULT;)",
                "hint: is it an ansible-vault file?", "nothing was changed").doesNotContain("Exception");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void encryptOfAnEncryptedFileIsRefusedInAnsiblesWords() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run run = run("vault", "encrypt", "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains(file + ": input is already encrypted\n  hint: it is an ansible-vault file already:"
                + " engine vault view, edit or rekey it");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingFileAndADirectoryAreNamedAndNothingIsCreated() throws IOException {
        Path missing = work.resolve("missing.yml");
        Path directory = Files.createDirectories(work.resolve("group_vars"));
        Path emptyDirectory = Files.createDirectories(work.resolve("empty"));
        Path file = plainFile("plain.yml");
        Map<String, String> before = snapshot();

        for (String verb : List.of("encrypt", "decrypt", "view", "edit", "rekey")) {
            List<String> options = verb.equals("rekey") ? List.of("--new-vault-password-file", otherPasswordFile.toString())
                    : List.of();
            for (Path target : List.of(missing, directory)) {
                List<String> args = new java.util.ArrayList<>(List.of("vault", verb, "--vault-password-file", passwordFile.toString()));
                args.addAll(options);
                args.add(target.toString());
                Run run = run(args.toArray(String[]::new));
                assertThat(run.code()).as(verb + " " + target).isEqualTo(ExitCode.ERROR);
                assertThat(run.err()).as(verb).contains(target + (target.equals(missing) ? ": file not found"
                        : ": is a directory, not a file")).doesNotContain("\tat ");
            }
        }
        Run missingRead = run("vault", "view", "--vault-password-file", passwordFile.toString(), missing.toString());
        Run directoryRead = run("vault", "view", "--vault-password-file", passwordFile.toString(), directory.toString());
        Run outputDirectory = run("vault", "encrypt", "--vault-password-file", passwordFile.toString(), "--output",
                emptyDirectory.toString(), file.toString());

        assertThat(missingRead.code()).isEqualTo(ExitCode.ERROR);
        assertThat(missingRead.err()).contains(missing + ": file not found\n  hint: give the path of an existing file");
        assertThat(directoryRead.code()).isEqualTo(ExitCode.ERROR);
        assertThat(directoryRead.err()).contains(directory + ": is a directory, not a file\n  hint: name a file inside it");
        assertThat(outputDirectory.code()).isEqualTo(ExitCode.ERROR);
        assertThat(outputDirectory.err()).contains(emptyDirectory + ": is a directory, not a file; nothing was written");
        assertThat(snapshot()).as("an empty directory as --output is not replaced by a file").isEqualTo(before);
    }

    @Test
    void aWrongPasswordLeadsWithAnsiblesWordsAndChangesNothing() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        for (String verb : List.of("decrypt", "view", "edit")) {
            Run run = run("vault", verb, "--vault-password-file", otherPasswordFile.toString(), file.toString());
            assertThat(run.code()).as(verb).isEqualTo(ExitCode.ERROR);
            assertThat(run.err()).as(verb).startsWith(file + ": Decryption failed (no vault secrets were found that could decrypt)")
                    .contains("hint: check the vault password (" + otherPasswordFile + ")").doesNotContain("battery");
        }
        Run rekey = run("vault", "rekey", "--vault-password-file", otherPasswordFile.toString(), "--new-vault-password-file",
                passwordFile.toString(), file.toString());
        assertThat(rekey.code()).isEqualTo(ExitCode.ERROR);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rekeyKeepsThePermissionsAndTheNewPasswordOpensIt() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        Run rekey = run("vault", "rekey", "--vault-password-file", passwordFile.toString(), "--new-vault-id",
                "prod@" + otherPasswordFile, file.toString());

        assertThat(rekey.code()).as(rekey.all()).isZero();
        assertThat(rekey.err()).contains("Rekey successful");
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(new String(AnsibleVault.decrypt(Files.readString(file), VaultSecrets.fromFile(otherPasswordFile)),
                StandardCharsets.UTF_8)).isEqualTo(PLAIN);
        assertThat(perms(file)).isEqualTo("rw-r-----");
        assertThat(snapshot()).containsOnlyKeys("vault.yml");
    }

    @Test
    void viewAndDecryptToStandardOutputLeaveTheFileEncrypted() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run view = run("vault", "view", "--vault-password-file", passwordFile.toString(), file.toString());
        Run toStdout = run("vault", "decrypt", "--vault-password-file", passwordFile.toString(), "--output", "-", file.toString());
        Run fromStdin = run(Map.of(), PLAIN.getBytes(StandardCharsets.UTF_8), "vault", "encrypt", "--vault-password-file",
                passwordFile.toString(), "--output", "-");

        assertThat(new String(view.stdout(), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
        assertThat(new String(toStdout.stdout(), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
        assertThat(new String(AnsibleVault.decrypt(new String(fromStdin.stdout(), StandardCharsets.US_ASCII),
                VaultSecrets.fromFile(passwordFile)), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * A fake {@code $EDITOR}: records the path it was given and that file's permissions in {@code editor.log}
     * (outside the work directory), then runs {@code body} on it ({@code $1}).
     */
    private Map<String, String> editor(String body) throws IOException {
        Path script = dir.resolve("editor.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s %s\\n' \"$1\" \"$(stat -c %a \"$1\")\" >> '" + dir.resolve("editor.log")
                + "'\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return Map.of("EDITOR", script.toString());
    }

    /** The temporary file the editor was given: owner-only while it existed, gone (and so not readable) after. */
    private void editorFileWasPrivateAndIsGone() throws IOException {
        List<String> log = Files.readAllLines(dir.resolve("editor.log"));
        assertThat(log).hasSize(1);
        String[] entry = log.get(0).split(" ");
        assertThat(entry[1]).as("the decrypted text is readable by its owner only").isEqualTo("600");
        assertThat(Path.of(entry[0])).doesNotExist();
        assertThat(Path.of(entry[0]).getParent()).as("not beside the vault file").isNotEqualTo(work);
    }

    @Test
    void editReEncryptsAChangeWithTheSameVaultId() throws IOException {
        Path file = encryptedFile("vault.yml", "prod@" + passwordFile);

        Run edit = run(editor("printf 'ansible_password: Changed-99\\n' > \"$1\""), new byte[0],
                "vault", "edit", "--vault-id", "prod@" + passwordFile, file.toString());

        assertThat(edit.code()).as(edit.all()).isZero();
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(decrypted(file)).isEqualTo("ansible_password: Changed-99\n");
        assertThat(perms(file)).isEqualTo("rw-------");
        assertThat(snapshot()).containsOnlyKeys("vault.yml");
        editorFileWasPrivateAndIsGone();
    }

    @Test
    void editWithoutAChangeLeavesTheFileByteForByte() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run edit = run(editor("true"), new byte[0], "vault", "edit", "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(edit.code()).as(edit.all()).isZero();
        assertThat(snapshot()).as("not even re-encrypted with a new salt").isEqualTo(before);
        editorFileWasPrivateAndIsGone();
    }

    @Test
    void aFailingEditorLeavesTheFileAsItWasEvenAfterWriting() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run edit = run(editor("echo half-done > \"$1\"; exit 3"), new byte[0], "vault", "edit", "--vault-password-file",
                passwordFile.toString(), file.toString());

        assertThat(edit.code()).isEqualTo(ExitCode.ERROR);
        assertThat(edit.err()).contains(file + ": the editor exited with status 3; the file was left as it was");
        assertThat(snapshot()).isEqualTo(before);
        editorFileWasPrivateAndIsGone();
    }

    @Test
    void anEditorThatRemovesTheFileLosesTheEditWithoutATrace() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run edit = run(editor("rm -f \"$1\""), new byte[0], "vault", "edit", "--vault-password-file", passwordFile.toString(),
                file.toString());

        assertThat(edit.code()).isEqualTo(ExitCode.ERROR);
        assertThat(edit.err()).contains(file + ": the edited text cannot be read back").doesNotContain("\tat ");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anEditorThatIsNotThereIsNamed() throws IOException {
        Path file = encryptedFile("vault.yml", passwordFile.toString());
        Map<String, String> before = snapshot();

        Run edit = run(Map.of("EDITOR", dir.resolve("no-such-editor") + " --wait"), new byte[0], "vault", "edit",
                "--vault-password-file", passwordFile.toString(), file.toString());

        assertThat(edit.code()).isEqualTo(ExitCode.ERROR);
        assertThat(edit.err()).contains("$EDITOR: cannot run the editor " + dir.resolve("no-such-editor"),
                "hint: set $EDITOR to an editor installed here");
        assertThat(snapshot()).isEqualTo(before);
    }
}
