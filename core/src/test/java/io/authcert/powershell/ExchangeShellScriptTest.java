package io.authcert.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.vault.Secret;
import org.junit.jupiter.api.Test;

class ExchangeShellScriptTest {

    private static final String BODY = "Get-AuthConfig\n";
    private static final String PREAMBLE = "$ErrorActionPreference = 'Stop'\n"
            + "$ProgressPreference = 'SilentlyContinue'\n"
            + "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n";

    @Test
    void theSnapInIsLoadedInTheSessionItself() {
        assertThat(ExchangeShellScript.snapIn().wrap(BODY)).isEqualTo(PREAMBLE
                + "Add-PSSnapin -Name 'Microsoft.Exchange.Management.PowerShell.SnapIn' -ErrorAction SilentlyContinue\n"
                + "Get-AuthConfig\n");
    }

    @Test
    void remoteWithACredentialOpensTheServersOwnEndpointAndRemovesTheSession() {
        ExchangeShellScript shell = ExchangeShellScript.remote("CONTOSO\\o'brien", Secret.of("pa'ss$word"));
        String opening = PREAMBLE
                + "$authcertExchangeSession = $null\n"
                + "if (Test-Path -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\EdgeTransportRole') {\n"
                + "    Add-PSSnapin -Name 'Microsoft.Exchange.Management.PowerShell.SnapIn' -ErrorAction SilentlyContinue\n"
                + "} else {\n"
                + "    $authcertExchangeFqdn = [System.Net.Dns]::GetHostEntry([System.Net.Dns]::GetHostName()).HostName\n"
                + "    $authcertExchangeUri = 'http://' + $authcertExchangeFqdn + '/PowerShell/'\n";
        String rest = "    $authcertExchangeCredential = New-Object -TypeName 'System.Management.Automation.PSCredential'"
                + " -ArgumentList 'CONTOSO\\o''brien', $authcertExchangePassword\n"
                + "    $authcertExchangeSession = New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri"
                + " $authcertExchangeUri -Authentication 'Kerberos' -Credential $authcertExchangeCredential\n"
                + "    $authcertExchangePassword = $null\n"
                + "    $authcertExchangeCredential = $null\n"
                + "    $null = Import-PSSession -Session $authcertExchangeSession -DisableNameChecking -AllowClobber\n"
                + "}\n"
                + "try {\n"
                + "Get-AuthConfig\n"
                + "} finally {\n"
                + "    if ($null -ne $authcertExchangeSession) { Remove-PSSession -Session $authcertExchangeSession }\n"
                + "}\n";
        assertThat(shell.wrap(BODY)).isEqualTo(opening
                + "    $authcertExchangePassword = ConvertTo-SecureString -String 'pa''ss$word' -AsPlainText -Force\n" + rest);
        assertThat(shell.wrapRedacted(BODY)).isEqualTo(opening
                + "    $authcertExchangePassword = ConvertTo-SecureString -String '********' -AsPlainText -Force\n" + rest)
                .doesNotContain("pa''ss");
    }

    @Test
    void remoteAsTheLogonPassesNoCredential() {
        String s = ExchangeShellScript.remote().wrap(BODY);
        assertThat(s).contains("    $authcertExchangeSession = New-PSSession -ConfigurationName 'Microsoft.Exchange'"
                + " -ConnectionUri $authcertExchangeUri -Authentication 'Kerberos'\n").doesNotContain("Credential");
    }
}
