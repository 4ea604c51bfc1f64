package io.authcert.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decrypts data that the real ansible-vault encrypted (test resources made with ansible-core's ansible-vault). */
class AnsibleVaultTest {

    private static final Path DIR = Path.of("core/src/test/resources/io/authcert/inventory");
    private static final VaultSecrets PASSWORD = VaultSecrets.fromFile(DIR.resolve("vault-password.txt"));

    @Test
    void decryptsAWholeFileEncryptedWithFormat11() throws IOException {
        String file = Files.readString(DIR.resolve("vaulted/group_vars/exchange/vault.yml"));

        String plain = new String(AnsibleVault.decrypt(file, PASSWORD), StandardCharsets.UTF_8);

        assertThat(file).startsWith("$ANSIBLE_VAULT;1.1;AES256");
        assertThat(plain).isEqualTo("ansible_password: S3cret-group!\nvault_note: only in the vault\n");
    }

    @Test
    void decryptsAStringEncryptedWithAVaultIdInFormat12() {
        String envelope = "$ANSIBLE_VAULT;1.2;AES256;prod\n"
                + "39303564306466316161393635663030373237343164313666336365663461323762663561386462\n"
                + "3531656632336365633035616231386362623830303839320a306637643130653064316362323161\n"
                + "37616464376639653364343837663135373430343662353031646164353266316237363630366234\n"
                + "3366623937636439660a303766653264666236333237623066303966363164646233663661306637\n"
                + "6339\n";

        assertThat(AnsibleVault.vaultId(envelope)).isEqualTo("prod");
        assertThat(AnsibleVault.decryptToSecret(envelope, PASSWORD).reveal()).isEqualTo("S3cret-v12!");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRevealingAnything() throws IOException {
        String file = Files.readString(DIR.resolve("vaulted/group_vars/exchange/vault.yml"));
        VaultSecrets wrong = VaultSecrets.fromFile(DIR.resolve("wrong-password.txt"));

        assertThatThrownBy(() -> AnsibleVault.decrypt(file, wrong))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD);
                    assertThat(e.getMessage()).doesNotContain("S3cret");
                });
    }

    @Test
    void noPasswordIsItsOwnReason() throws IOException {
        String file = Files.readString(DIR.resolve("vaulted/group_vars/exchange/vault.yml"));

        assertThatThrownBy(() -> AnsibleVault.decrypt(file, VaultSecrets.none()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.NO_PASSWORD));
    }

    @Test
    void tamperedCiphertextFailsTheHmacCheck() throws IOException {
        String file = Files.readString(DIR.resolve("vaulted/group_vars/exchange/vault.yml"));
        String[] lines = file.split("\n");
        char c = lines[3].charAt(10);
        lines[3] = lines[3].substring(0, 10) + (c == '3' ? '6' : '3') + lines[3].substring(11);

        assertThatThrownBy(() -> AnsibleVault.decrypt(String.join("\n", lines), PASSWORD))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void truncatedDataIsReportedAsMalformed() {
        assertThatThrownBy(() -> AnsibleVault.decrypt("$ANSIBLE_VAULT;1.1;AES256\n3132zz\n", PASSWORD))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.MALFORMED));
    }

    @Test
    void passwordFilesComeFromTheOptionThenTheEnvironmentAsInAnsible(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("pw");
        Files.writeString(file, "  from-env \n");

        assertThat(VaultSecrets.resolve(null, Map.of()).isEmpty()).isTrue();
        assertThat(VaultSecrets.resolve(null, Map.of(VaultSecrets.PASSWORD_FILE_ENV, file.toString())).all())
                .extracting(VaultPassword::secret).containsExactly(Secret.of("from-env"));
        assertThat(VaultSecrets.resolve(DIR.resolve("vault-password.txt"), Map.of(VaultSecrets.PASSWORD_FILE_ENV, file.toString()))
                .all()).extracting(VaultPassword::secret)
                .containsExactly(Secret.of("correct horse battery staple"), Secret.of("from-env"));
    }

    @Test
    void secretValuesReadEveryFormAVariableMayHave() throws IOException {
        String envelope = Files.readString(DIR.resolve("vaulted/host_vars/ex02.corp.example.yml"));
        VaultedValue vaulted = new VaultedValue(envelope.substring(envelope.indexOf('$')).replaceAll("(?m)^\\s+", ""), null, PASSWORD);

        assertThat(SecretValues.secret(vaulted)).isEqualTo(Secret.of("S3cret-v12!"));
        assertThat(SecretValues.secret(Secret.of("x"))).isEqualTo(Secret.of("x"));
        assertThat(SecretValues.secret("plain")).isEqualTo(Secret.of("plain"));
        assertThat(SecretValues.secret(null)).isNull();
        assertThat(SecretValues.text(5986)).isEqualTo("5986");
        assertThat(SecretValues.text(true)).isEqualTo("True");
        assertThat(SecretValues.text(vaulted)).isEqualTo("S3cret-v12!");
    }

    @Test
    void vaultedValueNeverShowsItselfInText() {
        VaultedValue v = new VaultedValue("$ANSIBLE_VAULT;1.1;AES256\n00\n", null, PASSWORD);

        assertThat(v.toString()).isEqualTo("!vault ********");
    }
}
