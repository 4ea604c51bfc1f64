package io.authcert.powershell;

import io.authcert.vault.Secret;
import java.util.Objects;

/**
 * Wraps a script so that the Exchange cmdlets it calls exist, in one of two ways.
 *
 * <ul>
 *   <li>{@link #remote}: from the Exchange management endpoint of the server itself
 *       ({@code New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri 'http://<fqdn>/PowerShell/'
 *       -Authentication 'Kerberos'}, {@code Import-PSSession -DisableNameChecking}, {@code Remove-PSSession} at the
 *       end), where RBAC decides; with {@code -Credential} when the WinRM logon cannot delegate. The FQDN is the
 *       server's own, read on the server. An Edge Transport server (registry key {@code EdgeTransportRole}) has no
 *       such endpoint and loads the snap-in instead.</li>
 *   <li>{@link #snapIn}: the snap-in in the WinRM session itself, which reaches Active Directory as the
 *       session's logon (CredSSP or Kerberos with delegation only).</li>
 * </ul>
 *
 * Every value is a quoted literal; the password only ever in {@link #wrap}'s text, {@code '********'} in
 * {@link #wrapRedacted}.
 */
public final class ExchangeShellScript {

    public static final String SNAPIN = "Microsoft.Exchange.Management.PowerShell.SnapIn";
    public static final String EDGE_KEY = "HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\EdgeTransportRole";

    private final boolean remote;
    private final String user;
    private final Secret password;

    private ExchangeShellScript(boolean remote, String user, Secret password) {
        this.remote = remote;
        this.user = user;
        this.password = password;
    }

    /** The snap-in, loaded in the WinRM session (needs a logon with network credentials for AD). */
    public static ExchangeShellScript snapIn() {
        return new ExchangeShellScript(false, null, null);
    }

    /** The management endpoint as the WinRM logon itself (it can delegate: Kerberos with delegation, console). */
    public static ExchangeShellScript remote() {
        return new ExchangeShellScript(true, null, null);
    }

    /** The management endpoint with {@code -Credential} built from this account and password. */
    public static ExchangeShellScript remote(String user, Secret password) {
        return new ExchangeShellScript(true, Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
    }

    public boolean isRemote() {
        return remote;
    }

    public boolean passesCredential() {
        return password != null;
    }

    /** The script to send: {@code body} with the Exchange cmdlets loaded before it and the session removed after. */
    public String wrap(String body) {
        return build(body).render();
    }

    /** The same for plans and logs: the password redacted. */
    public String wrapRedacted(String body) {
        return build(body).renderRedacted();
    }

    private PsScript build(String body) {
        PsScript s = PsScript.bare();
        PsScript.PREAMBLE.forEach(s::constant);
        if (!remote) {
            s.template("Add-PSSnapin -Name {} -ErrorAction SilentlyContinue", PsValue.string(SNAPIN));
            body.lines().forEach(s::constant);
            return s;
        }
        s.constant("$authcertExchangeSession = $null");
        s.template("if (Test-Path -LiteralPath {}) {", PsValue.string(EDGE_KEY));
        s.template("    Add-PSSnapin -Name {} -ErrorAction SilentlyContinue", PsValue.string(SNAPIN));
        s.constant("} else {");
        s.constant("    $authcertExchangeFqdn = [System.Net.Dns]::GetHostEntry([System.Net.Dns]::GetHostName()).HostName");
        s.template("    $authcertExchangeUri = {} + $authcertExchangeFqdn + {}", PsValue.string("http://"),
                PsValue.string("/PowerShell/"));
        if (password != null) {
            s.template("    $authcertExchangePassword = ConvertTo-SecureString -String {} -AsPlainText -Force",
                    PsValue.secret(password));
            s.template("    $authcertExchangeCredential = New-Object -TypeName {} -ArgumentList {}, $authcertExchangePassword",
                    PsValue.string("System.Management.Automation.PSCredential"), PsValue.string(user));
            s.template("    $authcertExchangeSession = New-PSSession -ConfigurationName {} -ConnectionUri $authcertExchangeUri"
                    + " -Authentication {} -Credential $authcertExchangeCredential",
                    PsValue.string("Microsoft.Exchange"), PsValue.string("Kerberos"));
            s.constant("    $authcertExchangePassword = $null");
            s.constant("    $authcertExchangeCredential = $null");
        } else {
            s.template("    $authcertExchangeSession = New-PSSession -ConfigurationName {} -ConnectionUri $authcertExchangeUri"
                    + " -Authentication {}", PsValue.string("Microsoft.Exchange"), PsValue.string("Kerberos"));
        }
        s.constant("    $null = Import-PSSession -Session $authcertExchangeSession -DisableNameChecking -AllowClobber");
        s.constant("}");
        s.constant("try {");
        body.lines().forEach(s::constant);
        s.constant("} finally {");
        s.constant("    if ($null -ne $authcertExchangeSession) { Remove-PSSession -Session $authcertExchangeSession }");
        s.constant("}");
        return s;
    }
}
