package io.authcert.lab.testing;

/** Script fragments tests send to the lab over WinRM. */
public final class LabScripts {

    /**
     * Imports the Exchange cmdlets from the server's own management endpoint as the lab's account, as a script
     * under an NTLM logon must (the snap-in cannot reach Active Directory from a logon without delegation).
     */
    public static final String EXCHANGE = "$labCredential = New-Object -TypeName 'System.Management.Automation.PSCredential'"
            + " -ArgumentList 'CONTOSO\\administrator', (ConvertTo-SecureString -String 'Lab-Passw0rd!' -AsPlainText -Force)\n"
            + "$labSession = New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri ('http://'"
            + " + [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName + '/PowerShell/') -Authentication 'Kerberos'"
            + " -Credential $labCredential\n"
            + "$null = Import-PSSession -Session $labSession -DisableNameChecking\n";

    private LabScripts() {
    }
}
