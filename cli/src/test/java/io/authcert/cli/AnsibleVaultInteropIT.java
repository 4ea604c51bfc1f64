package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.vault.VaultPassword;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine vault} and the engine's inventory against the real ansible-vault, ansible-inventory and ansible of
 * Debian's ansible-core, both ways: what one encrypts the other decrypts, for format 1.1 and 1.2 (vault id), whole
 * files and {@code encrypt_string} values, after {@code rekey}, with {@code ANSIBLE_VAULT_PASSWORD_FILE}; and both
 * refuse a wrong password in the same words.
 */
@Requires(RequiredTool.ANSIBLE_CORE)
class AnsibleVaultInteropIT {

    private static final String PLAIN = "ansible_user: 'CONTOSO\\svc-authcert'\nexchange_note: \"Dingo-Clear-12 ünï\"\n";

    @TempDir
    Path dir;
    private Path passwordFile;
    private Path newPasswordFile;
    private Path ansibleTmp;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void passwords() throws IOException {
        passwordFile = Files.writeString(dir.resolve("vault-pass"), "correct horse\n");
        newPasswordFile = Files.writeString(dir.resolve("new-pass"), "battery staple\n");
        ansibleTmp = Files.createDirectories(dir.resolve("ansible-tmp"));
    }

    /** The engine in this JVM; standard output as bytes, as {@code vault view} writes them. */
    private static Run engine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AbstractModule streams = new AbstractModule() {
            @Override
            protected void configure() {
                bind(StandardStreams.class).toInstance(new StandardStreams() {
                    @Override
                    public InputStream in() {
                        return new ByteArrayInputStream(new byte[0]);
                    }

                    @Override
                    public OutputStream out() {
                        return stdout;
                    }
                });
            }
        };
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)), streams);
        return new Run(code, out + stdout.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** A program (ansible's, or the engine in its own JVM) with {@code env} added to a clean Ansible environment. */
    private Run program(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("ANSIBLE_"));
        environment.put("ANSIBLE_LOCAL_TEMP", ansibleTmp.toString());
        environment.put("ANSIBLE_LOCALHOST_WARNING", "False");
        environment.put("ANSIBLE_INVENTORY_UNPARSED_WARNING", "False");
        environment.put("ANSIBLE_NOCOLOR", "1");
        environment.putAll(env);
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private Run ansible(String... args) throws IOException, InterruptedException {
        return program(List.of(args), Map.of());
    }

    private Run engineProcess(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return program(command, env);
    }

    private Path plainFile(String name) throws IOException {
        return Files.writeString(dir.resolve(name), PLAIN);
    }

    private static String perms(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void whatTheEngineEncryptsAnsibleVaultDecryptsInFormat11And12() throws Exception {
        Path v11 = plainFile("v11.yml");
        Path v12 = plainFile("v12.yml");

        assertThat(engine("vault", "encrypt", "--vault-password-file", passwordFile.toString(), v11.toString()).code()).isZero();
        assertThat(engine("vault", "encrypt", "--vault-id", "prod@" + passwordFile, v12.toString()).code()).isZero();

        assertThat(Files.readString(v11)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(Files.readString(v12)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        Run view11 = ansible("ansible-vault", "view", "--vault-password-file", passwordFile.toString(), v11.toString());
        Run view12 = ansible("ansible-vault", "view", "--vault-id", "prod@" + passwordFile, v12.toString());
        Run otherLabel = ansible("ansible-vault", "view", "--vault-id", "staging@" + passwordFile, v12.toString());
        assertThat(view11.out()).as(view11.all()).isEqualTo(PLAIN);
        assertThat(view12.out()).as(view12.all()).isEqualTo(PLAIN);
        assertThat(otherLabel.out()).as("Ansible tries every password, as the engine does").isEqualTo(PLAIN);

        Run decrypt = ansible("ansible-vault", "decrypt", "--vault-id", "prod@" + passwordFile, v12.toString());
        assertThat(decrypt.code()).as(decrypt.all()).isZero();
        assertThat(Files.readString(v12)).isEqualTo(PLAIN);
    }

    @Test
    void whatAnsibleVaultEncryptsTheEngineDecryptsInFormat11And12() throws Exception {
        Path v11 = plainFile("v11.yml");
        Path v12 = plainFile("v12.yml");
        assertThat(ansible("ansible-vault", "encrypt", "--vault-password-file", passwordFile.toString(), v11.toString()).code()).isZero();
        assertThat(ansible("ansible-vault", "encrypt", "--vault-id", "prod@" + passwordFile, v12.toString()).code()).isZero();
        assertThat(Files.readString(v12)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");

        Run view11 = engine("vault", "view", "--vault-password-file", passwordFile.toString(), v11.toString());
        Run view12 = engine("vault", "view", "--vault-id", "prod@" + passwordFile, v12.toString());
        Run decrypt = engine("vault", "decrypt", "--vault-password-file", passwordFile.toString(), v12.toString());

        assertThat(view11.out()).as(view11.all()).isEqualTo(PLAIN);
        assertThat(view12.out()).as(view12.all()).isEqualTo(PLAIN);
        assertThat(decrypt.code()).as(decrypt.all()).isZero();
        assertThat(Files.readString(v12)).isEqualTo(PLAIN);
        assertThat(perms(v12)).isEqualTo("rw-------");
    }

    @Test
    void anEncryptStringOfTheEngineIsDecryptedByAnsibleFromAnInventory() throws Exception {
        Run v11 = engine("vault", "encrypt_string", "--vault-password-file", passwordFile.toString(), "--name",
                "exchange_admin_password", "Quoll-String-31!");
        Run v12 = engine("vault", "encrypt_string", "--vault-id", "prod@" + passwordFile, "--name", "exchange_note",
                "Numbat: 'quoted' & more");
        assertThat(v11.code()).as(v11.all()).isZero();
        Path hosts = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    ex01:\n" + indent(v11.out()) + indent(v12.out()));
        Path wholeFile = Files.createDirectories(dir.resolve("group_vars")).resolve("all.yml");
        Files.writeString(wholeFile, "exchange_site: Site-B\n");
        assertThat(engine("vault", "encrypt", "--vault-password-file", passwordFile.toString(), wholeFile.toString()).code()).isZero();

        Run debug = ansible("ansible", "-i", hosts.toString(), "ex01", "-c", "local", "-m", "debug", "-a",
                "msg={{ exchange_admin_password }}|{{ exchange_note }}|{{ exchange_site }}",
                "--vault-password-file", passwordFile.toString());
        Run inventory = ansible("ansible-inventory", "-i", hosts.toString(), "--list", "--vault-password-file", passwordFile.toString());

        assertThat(debug.out()).as(debug.all()).contains("\"msg\": \"Quoll-String-31!|Numbat: 'quoted' & more|Site-B\"");
        assertThat(inventory.out()).as(inventory.all()).contains("\"exchange_site\": \"Site-B\"", "\"__ansible_vault\": \"$ANSIBLE_VAULT;1.2;AES256;prod\\n");
    }

    @Test
    void anEncryptStringOfAnsibleVaultIsReadByTheEngineInventory() throws Exception {
        Run v11 = ansible("ansible-vault", "encrypt_string", "--vault-password-file", passwordFile.toString(), "--name",
                "ansible_password", "Potoroo-31!");
        Run v12 = ansible("ansible-vault", "encrypt_string", "--vault-id", "prod@" + passwordFile, "--name", "exchange_note",
                "Bandicoot: 'q' & more");
        assertThat(v11.code()).as(v11.all()).isZero();
        Path hosts = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    ex01:\n" + indent(v11.out() + "\n")
                + indent(v12.out() + "\n"));

        Inventory inventory = new InventoryLoader().load(List.of(hosts), VaultSecrets.of(List.of(
                new VaultPassword("prod", io.authcert.vault.Secret.of("correct horse"), "test"))));
        Run graph = engine("inventory", "-i", hosts.toString(), "--host", "ex01", "--vault-password-file", passwordFile.toString());

        assertThat(inventory.host("ex01").orElseThrow().secret("ansible_password").orElseThrow().reveal()).isEqualTo("Potoroo-31!");
        assertThat(inventory.host("ex01").orElseThrow().string("exchange_note")).hasValue("Bandicoot: 'q' & more");
        assertThat(graph.code()).as(graph.all()).isZero();
        assertThat(graph.out()).as("shown as ansible-inventory shows it, never decrypted").contains("__ansible_vault")
                .doesNotContain("Potoroo");
    }

    @Test
    void afterARekeyByEitherTheOtherOpensWithTheNewPasswordOnly() throws Exception {
        Path byEngine = plainFile("by-engine.yml");
        Path byAnsible = plainFile("by-ansible.yml");
        engine("vault", "encrypt", "--vault-password-file", passwordFile.toString(), byEngine.toString());
        ansible("ansible-vault", "encrypt", "--vault-password-file", passwordFile.toString(), byAnsible.toString());

        Run engineRekey = engine("vault", "rekey", "--vault-password-file", passwordFile.toString(), "--new-vault-id",
                "prod@" + newPasswordFile, byEngine.toString());
        Run ansibleRekey = ansible("ansible-vault", "rekey", "--vault-password-file", passwordFile.toString(),
                "--new-vault-id", "prod@" + newPasswordFile, byAnsible.toString());
        assertThat(engineRekey.code()).as(engineRekey.all()).isZero();
        assertThat(ansibleRekey.code()).as(ansibleRekey.all()).isZero();
        assertThat(engineRekey.err()).contains("Rekey successful");
        assertThat(ansibleRekey.err()).contains("Rekey successful");

        assertThat(ansible("ansible-vault", "view", "--vault-id", "prod@" + newPasswordFile, byEngine.toString()).out()).isEqualTo(PLAIN);
        assertThat(engine("vault", "view", "--vault-id", "prod@" + newPasswordFile, byAnsible.toString()).out()).isEqualTo(PLAIN);
        assertThat(ansible("ansible-vault", "view", "--vault-password-file", passwordFile.toString(), byEngine.toString()).code())
                .as("the old password no longer opens it").isEqualTo(1);
        assertThat(engine("vault", "view", "--vault-password-file", passwordFile.toString(), byAnsible.toString()).code()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordAndEncryptingTwiceAreRefusedInAnsiblesWords() throws Exception {
        Path file = plainFile("vault.yml");
        ansible("ansible-vault", "encrypt", "--vault-password-file", passwordFile.toString(), file.toString());
        String encrypted = Files.readString(file);

        Run ansibleWrong = ansible("ansible-vault", "view", "--vault-password-file", newPasswordFile.toString(), file.toString());
        Run engineWrong = engine("vault", "view", "--vault-password-file", newPasswordFile.toString(), file.toString());
        Run ansibleTwice = ansible("ansible-vault", "encrypt", "--vault-password-file", passwordFile.toString(), file.toString());
        Run engineTwice = engine("vault", "encrypt", "--vault-password-file", passwordFile.toString(), file.toString());

        String words = "Decryption failed (no vault secrets were found that could decrypt)";
        assertThat(ansibleWrong.code()).isEqualTo(1);
        assertThat(ansibleWrong.err()).contains("ERROR! " + words + " on " + file);
        assertThat(engineWrong.code()).isEqualTo(1);
        assertThat(engineWrong.err()).startsWith(file + ": " + words + ": ")
                .contains("hint: check the vault password (" + newPasswordFile + ")");
        assertThat(ansibleTwice.err()).contains("ERROR! input is already encrypted");
        assertThat(engineTwice.err()).startsWith(file + ": input is already encrypted\n");
        assertThat(Files.readString(file)).as("neither changed it").isEqualTo(encrypted);
    }

    @Test
    void bothHonourAnsibleVaultPasswordFileAndRunAnExecutablePasswordFile() throws Exception {
        Path script = dir.resolve("vault-pass-script");
        Files.writeString(script, "#!/bin/sh\necho 'correct horse'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path byEngine = plainFile("by-engine.yml");
        Path byAnsible = plainFile("by-ansible.yml");
        Map<String, String> env = Map.of("ANSIBLE_VAULT_PASSWORD_FILE", passwordFile.toString());

        Run engineEncrypt = engineProcess(env, "vault", "encrypt", byEngine.toString());
        Run ansibleEncrypt = program(List.of("ansible-vault", "encrypt", byAnsible.toString()), env);
        assertThat(engineEncrypt.code()).as(engineEncrypt.all()).isZero();
        assertThat(ansibleEncrypt.code()).as(ansibleEncrypt.all()).isZero();

        Map<String, String> scriptEnv = new HashMap<>(Map.of("ANSIBLE_VAULT_PASSWORD_FILE", script.toString()));
        Run ansibleView = program(List.of("ansible-vault", "view", byEngine.toString()), scriptEnv);
        Run engineView = engineProcess(scriptEnv, "vault", "view", byAnsible.toString());
        assertThat(ansibleView.out()).as(ansibleView.all()).isEqualTo(PLAIN);
        assertThat(engineView.out()).as(engineView.all()).isEqualTo(PLAIN);

        Run engineWithout = engineProcess(Map.of(), "vault", "view", byAnsible.toString());
        assertThat(engineWithout.code()).isEqualTo(1);
        assertThat(engineWithout.err()).contains("A vault password is required to use Ansible's Vault");
    }

    /** A top-level {@code NAME: !vault |} block as a host variable (six spaces deeper). */
    private static String indent(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append("      ").append(line).append('\n');
            }
        }
        return out.toString();
    }
}
