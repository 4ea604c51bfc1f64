package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.Caller;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who runs the Exchange cmdlets: the snap-in as the WinRM logon (Active Directory only from a logon with
 * network credentials), or the management endpoint (New-PSSession / Import-PSSession) as the session's user,
 * where RBAC decides.
 */
class ManagementEndpointTest {

    private static final String SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";
    private static final Caller NTLM_ADMIN = new Caller("CONTOSO\\administrator",
            List.of("Domain Admins", "Organization Management", "Administrators"), true, false);
    private static final Caller DELEGATED_ADMIN = NTLM_ADMIN.withNetworkCredentials(true);

    private final Organisation org = Scenario.load("expired").build(3, SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z")));
    private final Scenario scenario = Scenario.load("expired");
    private final AuditLog audit = new AuditLog().redacting(scenario.accounts().passwords());
    private final ExchangeHost ex01 = new ExchangeHost(org, org.server("ex01").orElseThrow(),
            ExchangeCmdlets.registryFor(org, scenario.accounts()), audit);

    private static String open(String user, String password) {
        return "$p = ConvertTo-SecureString -String '" + password + "' -AsPlainText -Force\n"
                + "$c = New-Object -TypeName 'System.Management.Automation.PSCredential' -ArgumentList '" + user + "', $p\n"
                + "$s = New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri 'http://ex01.contoso.local/PowerShell/'"
                + " -Authentication 'Kerberos' -Credential $c\n"
                + "$null = Import-PSSession -Session $s -DisableNameChecking -AllowClobber\n";
    }

    private static String out(CommandOutcome o) {
        return new String(o.stdout(), StandardCharsets.UTF_8).strip();
    }

    /** The error stream as powershell.exe writes it under WinRM (CLIXML), its lines joined. */
    private static String err(CommandOutcome o) {
        return new String(o.stderr(), StandardCharsets.UTF_8).replace("_x000D__x000A_</S><S S=\"Error\">", "\n");
    }

    @Test
    void theSnapInUnderANetworkLogonWithoutDelegationCannotReachActiveDirectory() {
        CommandOutcome o = ex01.runScript(NTLM_ADMIN, SNAPIN + "$ErrorActionPreference = 'Stop'\n(Get-AuthConfig).Realm");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(err(o)).contains("Get-AuthConfig : Active Directory operation failed on DC01.contoso.local.")
                .contains("In order to perform this operation a successful bind must be completed on the connection.")
                .contains("ADOperationException");
    }

    @Test
    void theSnapInWithDelegatedCredentialsWorks() {
        CommandOutcome o = ex01.runScript(DELEGATED_ADMIN, SNAPIN + "(Get-ExchangeServer -Identity $env:COMPUTERNAME).Name");
        assertThat(o.exitCode()).as(err(o)).isZero();
        assertThat(out(o)).isEqualTo("EX01");
    }

    @Test
    void organizationManagementRunsTheAuthCmdletsThroughTheEndpointFromAnNtlmLogon() {
        CommandOutcome o = ex01.runScript(NTLM_ADMIN, open("CONTOSO\\exadmin", "Lab-Passw0rd!")
                + "(Get-AuthConfig).CurrentCertificateThumbprint.Length\n"
                + "(Get-Command -Name Set-AuthConfig -ErrorAction SilentlyContinue) -eq $null\n"
                + "Remove-PSSession -Session $s\n"
                + "try { Get-AuthConfig } catch { $_.FullyQualifiedErrorId }");
        assertThat(o.exitCode()).as(err(o)).isZero();
        assertThat(out(o).lines()).containsExactly("40", "True", "CommandNotFoundException");
    }

    @Test
    void aViewerReadsButTheAuthCmdletsThatChangeAreNotCommandsForIt() {
        CommandOutcome o = ex01.runScript(NTLM_ADMIN, open("CONTOSO\\viewer", "Lab-Passw0rd!")
                + "(Get-ExchangeServer -Identity $env:COMPUTERNAME).Name\n"
                + "Set-AuthConfig -ClearPreviousCertificate");
        assertThat(out(o)).isEqualTo("EX01");
        assertThat(err(o)).contains("Set-AuthConfig : The term 'Set-AuthConfig' is not recognized as the name of a cmdlet,"
                + " function, script file, or operable program.");
    }

    @Test
    void aLocalAccountIsRefusedWhenItOpensTheEndpoint() {
        CommandOutcome o = ex01.runScript(NTLM_ADMIN, open("localadmin", "Local-Passw0rd!"));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(err(o)).contains("New-PSSession : [ex01.contoso.local] Connecting to remote server ex01.contoso.local"
                        + " failed with the following error message : Access is denied.")
                .contains("OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession],"
                        + " PSRemotingTransportException")
                .contains("-2144108477,PSSessionOpenFailed");
    }

    @Test
    void aWrongPasswordIsRefusedToo() {
        assertThat(err(ex01.runScript(NTLM_ADMIN, open("CONTOSO\\administrator", "wrong")))).contains("Access is denied.");
    }

    @Test
    void withoutACredentialTheSessionRunsAsTheLogonOnlyWhenItCanDelegate() {
        String script = "$s = New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri"
                + " 'http://ex01.contoso.local/PowerShell/' -Authentication 'Kerberos'\n"
                + "$null = Import-PSSession -Session $s -DisableNameChecking\n(Get-ExchangeServer -Identity $env:COMPUTERNAME).Name";
        assertThat(out(ex01.runScript(DELEGATED_ADMIN, script))).isEqualTo("EX01");
        assertThat(err(ex01.runScript(NTLM_ADMIN, script))).contains("0x8009030e").contains("PSSessionOpenFailed");
    }

    @Test
    void theServersOwnFqdnAndRoleAreReadableAsScriptsReadThem() {
        CommandOutcome o = ex01.runScript(NTLM_ADMIN,
                "[System.Net.Dns]::GetHostEntry([System.Net.Dns]::GetHostName()).HostName\n"
                        + "Test-Path -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\EdgeTransportRole'\n"
                        + "Test-Path -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\Setup'");
        assertThat(out(o).lines()).containsExactly("ex01.contoso.local", "False", "True");
    }

    @Test
    void theAuditLogNeverHoldsAnAccountsPassword() {
        ex01.runScript(NTLM_ADMIN, open("CONTOSO\\exadmin", "Lab-Passw0rd!"));
        assertThat(audit.entries()).allSatisfy(e -> assertThat(e.script()).doesNotContain("Lab-Passw0rd!")
                .contains("-String '********'"));
    }
}
