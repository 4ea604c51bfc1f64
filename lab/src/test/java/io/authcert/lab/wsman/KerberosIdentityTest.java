package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which lab account a Kerberos client principal is, and the names the lab's servers accept tickets for. */
class KerberosIdentityTest {

    private static final LabAccounts ACCOUNTS = new LabAccounts("CONTOSO", "contoso.local",
            List.of(new LabAccounts.Account("CONTOSO", "administrator", "pw", List.of("Domain Admins"))),
            Map.of("*", List.of(new LabAccounts.Account(null, "localadmin", "pw", List.of("Administrators")))));

    @Test
    void aUserOfTheLabsRealmIsItsDomainAccount() {
        LabAccounts.Account a = ACCOUNTS.kerberosAccount("administrator@CONTOSO.LOCAL", "CONTOSO.LOCAL").orElseThrow();
        assertThat(ACCOUNTS.logonName("ex01", a)).isEqualTo("CONTOSO\\administrator");
        assertThat(ACCOUNTS.kerberosAccount("Administrator@CONTOSO.LOCAL", "CONTOSO.LOCAL")).contains(a);
    }

    @Test
    void anotherRealmAServiceALocalAccountOrAnUnknownUserHasNoAccount() {
        assertThat(ACCOUNTS.kerberosAccount("administrator@FABRIKAM.LOCAL", "CONTOSO.LOCAL")).isEmpty();
        assertThat(ACCOUNTS.kerberosAccount("administrator@contoso.local", "CONTOSO.LOCAL")).as("realms are case-sensitive")
                .isEmpty();
        assertThat(ACCOUNTS.kerberosAccount("HTTP/ex01.contoso.local@CONTOSO.LOCAL", "CONTOSO.LOCAL")).isEmpty();
        assertThat(ACCOUNTS.kerberosAccount("localadmin@CONTOSO.LOCAL", "CONTOSO.LOCAL")).isEmpty();
        assertThat(ACCOUNTS.kerberosAccount("nobody@CONTOSO.LOCAL", "CONTOSO.LOCAL")).isEmpty();
        assertThat(ACCOUNTS.kerberosAccount("administrator", "CONTOSO.LOCAL")).isEmpty();
    }

    @Test
    void aLocalAccountIsNamedAfterItsServer() {
        LabAccounts.Account local = ACCOUNTS.resolve("ex01", null, "localadmin").orElseThrow();
        assertThat(ACCOUNTS.logonName("ex01", local)).isEqualTo("EX01\\localadmin");
    }

    @Test
    void eachServerAcceptsTicketsForItsOwnHttpNameInTheDomainsRealm() {
        KerberosSettings defaultRealm = new KerberosSettings(Path.of("lab.keytab"), null, null);
        assertThat(defaultRealm.servicePrincipal("ex01", "contoso.local")).isEqualTo("HTTP/ex01.contoso.local@CONTOSO.LOCAL");
        KerberosSettings given = new KerberosSettings(Path.of("lab.keytab"), "example.org", null);
        assertThat(given.realmFor("contoso.local")).isEqualTo("EXAMPLE.ORG");
        assertThat(given.servicePrincipal("EX02", "Contoso.Local")).isEqualTo("HTTP/ex02.contoso.local@EXAMPLE.ORG");
    }

    @Test
    void theEnvironmentMitToolsReadNamesTheKeytabAndKrb5Conf() {
        KerberosSettings s = KerberosSettings.fromEnvironment(Map.of("KRB5_KTNAME", "FILE:/etc/lab/http.keytab",
                "KRB5_CONFIG", "/etc/lab/krb5.conf:/etc/krb5.conf"), null);
        assertThat(s).isEqualTo(new KerberosSettings(Path.of("/etc/lab/http.keytab"), null, Path.of("/etc/lab/krb5.conf")));
        assertThat(KerberosSettings.fromEnvironment(Map.of("KRB5_CONFIG", "/etc/krb5.conf"), null)).isNull();
        assertThatThrownBy(() -> new KerberosSettings(null, null, null)).hasMessageContaining("keytab");
    }
}
