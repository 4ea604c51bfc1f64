package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account the lab's clients are given joins the scenario's: in the domain or on every server, by its form. */
class LabAccountsTest {

    private static final LabAccounts SCENARIO = new LabAccounts("CONTOSO", "contoso.local",
            List.of(new LabAccounts.Account("CONTOSO", "administrator", "Lab-Passw0rd!", List.of("Domain Admins"))),
            Map.of("*", List.of(new LabAccounts.Account(null, "administrator", "Local-Passw0rd!", List.of("Administrators")))));

    @Test
    void aDomainFormMakesOrResetsADomainAccountInEveryLogonForm() {
        for (String user : List.of("CONTOSO\\administrator", "administrator@contoso.local", "contoso.local\\administrator")) {
            LabAccounts accounts = SCENARIO.withAccount(user, "New-Passw0rd!");
            assertThat(accounts.resolve("ex01", "CONTOSO", "administrator")).as(user)
                    .hasValueSatisfying(a -> assertThat(a.password()).isEqualTo("New-Passw0rd!"));
            assertThat(accounts.resolve("ex01", null, "administrator@contoso.local")).as(user)
                    .hasValueSatisfying(a -> assertThat(a.password()).isEqualTo("New-Passw0rd!"));
            assertThat(accounts.domainUsers()).as(user).hasSize(1);
            assertThat(accounts.resolve("ex01", null, "administrator")).as("the local account is left alone")
                    .hasValueSatisfying(a -> assertThat(a.password()).isEqualTo("Local-Passw0rd!"));
        }
        LabAccounts exadmin = SCENARIO.withAccount("CONTOSO\\exadmin", "x");
        assertThat(exadmin.resolve("ex02", "contoso", "EXADMIN")).hasValueSatisfying(a ->
                assertThat(a.groups()).contains("Organization Management", "Administrators"));
    }

    @Test
    void aBareNameIsALocalAccountOfEveryServer() {
        LabAccounts accounts = SCENARIO.withAccount("labadmin", "pw");
        assertThat(accounts.resolve("ex07", null, "labadmin")).hasValueSatisfying(a -> assertThat(a.domain()).isNull());
        assertThat(accounts.resolve("ex07", "EX07", "labadmin")).isPresent();
        assertThat(accounts.resolve("ex07", "CONTOSO", "labadmin")).as("not a domain account").isEmpty();
        assertThat(SCENARIO.withAccount(".\\labadmin", "pw").resolve("ex01", ".", "labadmin")).isPresent();
    }

    @Test
    void anotherDomainIsRefusedNamingThisOne() {
        assertThatThrownBy(() -> SCENARIO.withAccount("FABRIKAM\\administrator", "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FABRIKAM").hasMessageContaining("CONTOSO\\administrator")
                .hasMessageContaining("administrator@contoso.local").hasMessageNotContaining("pw");
    }
}
