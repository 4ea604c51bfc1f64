package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who runs the Exchange cmdlets, over the real transport against the lab at WinRM's defaults (NTLM): the
 * Exchange management endpoint by default, where RBAC decides, or the snap-in when asked. The expired apply
 * converges for a domain account in Organization Management; a local account, a View-Only viewer and the
 * snap-in over NTLM are refused with what, why and the fix, and nothing changes on any server.
 */
class ExchangeShellIT {

    @TempDir
    Path dir;

    /** The lab's inventory logging on (and opening the endpoint) as {@code user}, plus {@code extraVar} on each host. */
    private Path inventoryAs(EmbeddedLab lab, String user, String password, String extraVar) throws Exception {
        String text = Files.readString(lab.inventoryFile())
                .replace("ansible_user: 'CONTOSO\\administrator'\n          ansible_password: 'Lab-Passw0rd!'",
                        "ansible_user: '" + user + "'\n          ansible_password: '" + password + "'"
                                + (extraVar == null ? "" : "\n          " + extraVar));
        Path file = dir.resolve("inventory-" + user.replace('\\', '_') + ".yml");
        Files.writeString(file, text);
        return file;
    }

    private static void assertNothingChanged(EmbeddedLab lab, AuthConfig before) {
        assertThat(lab.organisation().authConfigInDirectory()).isEqualTo(before);
        for (String h : lab.hosts()) {
            assertThat(lab.healthOf(h).signIn()).as("sign-in on %s still broken", h).isEqualTo(500);
        }
    }

    @Test
    void aDomainAccountInOrganizationManagementConvergesThroughTheManagementEndpoint() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            Path inventory = inventoryAs(lab, "CONTOSO\\exadmin", "Lab-Passw0rd!", null);
            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply(inventory,
                    "playbooks/auth-certificate.yml");
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("Verified.");
            for (String h : lab.hosts()) {
                assertThat(lab.healthOf(h).signIn()).as("sign-in on %s", h).isEqualTo(302);
                assertThat(lab.audit().of(h)).allSatisfy(e -> assertThat(e.script())
                        .contains("New-PSSession -ConfigurationName 'Microsoft.Exchange'")
                        .doesNotContain("Lab-Passw0rd!"));
            }
            assertThat(applied.all()).doesNotContain("Lab-Passw0rd!");
        }
    }

    @Test
    void aLocalAccountIsRefusedByTheEndpointAndNothingChanges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            AuthConfig before = lab.organisation().authConfigInDirectory();
            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state"))
                    .apply(inventoryAs(lab, "localadmin", "Local-Passw0rd!", null), "playbooks/auth-certificate.yml");
            assertThat(applied.exitCode()).as(applied.all()).isNotZero();
            assertThat(applied.all()).contains("Access is denied")
                    .contains("the Exchange management endpoint refused localadmin")
                    .contains("a local account has no Active Directory identity")
                    .contains("Organization Management");
            assertNothingChanged(lab, before);
        }
    }

    @Test
    void aViewOnlyViewerIsRefusedTheCmdletsThatChangeAndNothingChanges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            AuthConfig before = lab.organisation().authConfigInDirectory();
            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state"))
                    .apply(inventoryAs(lab, "CONTOSO\\viewer", "Lab-Passw0rd!", null), "playbooks/auth-certificate.yml");
            assertThat(applied.exitCode()).as(applied.all()).isNotZero();
            assertThat(applied.all()).contains("is not recognized as the name of a cmdlet")
                    .contains("does not offer this cmdlet to CONTOSO\\viewer")
                    .contains("Organization Management");
            assertNothingChanged(lab, before);
        }
    }

    @Test
    void theSnapInOverNtlmCannotReachActiveDirectoryAndSaysHowToFixIt() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            AuthConfig before = lab.organisation().authConfigInDirectory();
            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply(
                    inventoryAs(lab, "CONTOSO\\administrator", "Lab-Passw0rd!", "authcert_exchange_shell: 'snapin'"),
                    "playbooks/auth-certificate.yml");
            assertThat(applied.exitCode()).as(applied.all()).isNotZero();
            assertThat(applied.all()).contains("Active Directory operation failed")
                    .contains("no credentials for that second hop")
                    .contains("remove authcert_exchange_shell: snapin");
            assertNothingChanged(lab, before);
        }
    }
}
