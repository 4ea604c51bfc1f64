package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.vault.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An {@link InventoryHost} in a log line or an exception shows its variables' names, never their values. */
class InventoryHostTest {

    @Test
    void toStringShowsVariableNamesButNoPasswordWrittenInClear() {
        InventoryHost host = new InventoryHost("ex01", Map.of("ansible_user", "admin", "ansible_password", "Clear-Text-Pw",
                "ansible_winrm_pass", Secret.of("Other-Pw")));

        assertThat(host.toString()).contains("ex01").contains("ansible_password").contains("ansible_winrm_pass")
                .doesNotContain("Clear-Text-Pw").doesNotContain("Other-Pw");
        assertThat(host.secret("ansible_password")).contains(Secret.of("Clear-Text-Pw"));
    }

    @Test
    void passwordNamesAreRecognisedWhateverTheirPrefix() {
        assertThat(ConnectionVariables.isPassword("ansible_password")).isTrue();
        assertThat(ConnectionVariables.isPassword("ansible_winrm_pass")).isTrue();
        assertThat(ConnectionVariables.isPassword("ansible_become_password")).isTrue();
        assertThat(ConnectionVariables.isPassword("Vault_SMTP_Secret")).isTrue();
        assertThat(ConnectionVariables.isPassword("ansible_user")).isFalse();
        assertThat(ConnectionVariables.isPassword("ansible_passive_mode")).isFalse();
    }
}
