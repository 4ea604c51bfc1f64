package io.authcert.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The cipher and envelope against fixed vectors the real ansible-vault (ansible-core 2.14) wrote:
 * resources under io/authcert/vault, made with the commands in README.txt there.
 */
class AnsibleVaultFixturesTest {

    private static final Path DIR = Path.of("core/src/test/resources/io/authcert/vault");
    private static final byte[] FIXED_SALT = "fixed-salt-for-authcert-tests-32".getBytes(StandardCharsets.US_ASCII);
    private static final Secret PASSWORD = Secret.of("fixture-pass-11");
    private static final Secret PROD = Secret.of("fixture-pass-prod");

    private static String read(String name) throws IOException {
        return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    }

    private static byte[] plain() throws IOException {
        return Files.readAllBytes(DIR.resolve("plain.yml"));
    }

    @Test
    void decryptsFormat11() throws IOException {
        String vault = read("v11.vault");

        assertThat(vault).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(AnsibleVault.decrypt(vault, VaultSecrets.of(PASSWORD))).isEqualTo(plain());
    }

    @Test
    void decryptsFormat12WithItsLabel() throws IOException {
        String vault = read("v12-prod.vault");

        AnsibleVault.Decrypted opened = AnsibleVault.open(vault, VaultSecrets.of(java.util.List.of(
                new VaultPassword("default", PASSWORD, "a"), new VaultPassword("prod", PROD, "b"))));

        assertThat(opened.plaintext()).isEqualTo(plain());
        assertThat(opened.label()).isEqualTo("prod");
        assertThat(opened.password().label()).isEqualTo("prod");
    }

    @Test
    void encryptsByteForByteAsAnsibleVaultWithTheSameSalt() throws IOException {
        assertThat(AnsibleVault.encrypt(plain(), PASSWORD, "default", FIXED_SALT)).isEqualTo(read("v11-fixed-salt.vault"));
        assertThat(AnsibleVault.encrypt(plain(), PROD, "prod", FIXED_SALT)).isEqualTo(read("v12-prod-fixed-salt.vault"));
    }

    @Test
    void writesEightyColumnLinesEndingWithANewline() {
        String vault = AnsibleVault.encrypt(new byte[200], PASSWORD, "default");

        String[] lines = vault.split("\n");
        assertThat(vault).endsWith("\n");
        assertThat(lines[0]).isEqualTo("$ANSIBLE_VAULT;1.1;AES256");
        for (int i = 1; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(80).matches("[0-9a-f]+");
        }
        assertThat(lines[lines.length - 1].length()).isBetween(1, 80);
    }

    @Test
    void readsTheEncryptStringBlock() throws IOException {
        String block = read("encrypt-string.yml");
        String envelope = block.substring(block.indexOf('$'));

        assertThat(block).startsWith("ansible_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(AnsibleVault.decryptToSecret(envelope, VaultSecrets.of(PASSWORD)).reveal()).isEqualTo("S3cret-string!");
    }

    @Test
    void roundTripsEveryLengthAroundTheBlockSize() {
        for (int n = 0; n <= 33; n++) {
            byte[] data = new byte[n];
            java.util.Arrays.fill(data, (byte) 'x');
            String vault = AnsibleVault.encrypt(data, PROD, "prod");
            assertThat(AnsibleVault.decrypt(vault, VaultSecrets.of(PROD))).isEqualTo(data);
        }
    }

    @Test
    void refusesToEncryptVaultDataAgain() throws IOException {
        byte[] vault = read("v11.vault").getBytes(StandardCharsets.US_ASCII);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnsibleVault.encrypt(vault, PASSWORD, "default"))
                .isInstanceOf(VaultException.class).hasMessageContaining("already encrypted");
    }
}
