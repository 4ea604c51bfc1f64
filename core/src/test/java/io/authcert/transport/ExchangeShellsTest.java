package io.authcert.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.transport.winrm.TargetResolver;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeShellsTest {

    private static Target target(Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(Map.of("ansible_host", "ex01.contoso.local", "ansible_port", 5985,
                "ansible_user", "CONTOSO\\administrator", "ansible_password", "Lab-Passw0rd!",
                "ansible_winrm_transport", "ntlm"));
        vars.putAll(extra);
        return new TargetResolver().resolve("ex01", vars);
    }

    @Test
    void remoteIsTheDefaultAndNtlmPassesTheInventorysCredential() {
        Target t = target(Map.of());
        assertThat(t.exchangeShell()).isEqualTo(Target.ExchangeShellMode.REMOTE);
        assertThat(ExchangeShells.forTarget(t).isRemote()).isTrue();
        assertThat(ExchangeShells.forTarget(t).passesCredential()).isTrue();
        assertThat(ExchangeShells.forTarget(t).wrapRedacted("x\n")).contains("-ArgumentList 'CONTOSO\\administrator'")
                .doesNotContain("Lab-Passw0rd!");
    }

    @Test
    void kerberosWithDelegationGoesAsItself() {
        Target t = target(Map.of("ansible_user", "administrator@CONTOSO.LOCAL", "ansible_winrm_transport", "kerberos",
                "ansible_winrm_kerberos_delegation", true));
        assertThat(ExchangeShells.forTarget(t).isRemote()).isTrue();
        assertThat(ExchangeShells.forTarget(t).passesCredential()).isFalse();
        Target without = target(Map.of("ansible_user", "administrator@CONTOSO.LOCAL", "ansible_winrm_transport", "kerberos"));
        assertThat(ExchangeShells.forTarget(without).passesCredential()).isTrue();
    }

    @Test
    void snapinIsKeptWhenAsked() {
        Target t = target(Map.of("authcert_exchange_shell", "snapin"));
        assertThat(ExchangeShells.forTarget(t).isRemote()).isFalse();
    }

    @Test
    void anUnknownModeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> target(Map.of("authcert_exchange_shell", "emt")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("authcert_exchange_shell: 'emt' is neither remote nor snapin");
    }

    @Test
    void failuresOfTheCmdletsSourceAreExplained() {
        Target ntlm = target(Map.of());
        assertThat(ExchangeShells.explain(ntlm, "New-PSSession : [ex01] ... Access is denied. ... -2144108477,PSSessionOpenFailed"))
                .hasValueSatisfying(h -> assertThat(h).contains("domain account").contains("Organization Management"));
        assertThat(ExchangeShells.explain(ntlm, "Set-AuthConfig : The term 'Set-AuthConfig' is not recognized as the name"
                + " of a cmdlet")).hasValueSatisfying(h -> assertThat(h).contains("RBAC"));
        assertThat(ExchangeShells.explain(target(Map.of("authcert_exchange_shell", "snapin")),
                "Get-ExchangeServer : Active Directory operation failed on DC01"))
                .hasValueSatisfying(h -> assertThat(h).contains("second hop").contains("remove authcert_exchange_shell: snapin"));
        assertThat(ExchangeShells.explain(ntlm, "something else")).isEmpty();
    }
}
