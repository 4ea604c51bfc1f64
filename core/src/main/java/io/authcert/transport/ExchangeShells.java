package io.authcert.transport;

import io.authcert.powershell.ExchangeShellScript;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@link ExchangeShellScript} a host's scripts run in, from its {@code authcert_exchange_shell} and its
 * logon, and what to tell a person when the Exchange cmdlets could not be had.
 */
public final class ExchangeShells {

    private ExchangeShells() {
    }

    /**
     * The wrapper for {@code target}: the snap-in when asked; else the management endpoint, as the logon itself
     * when it can delegate, else with {@code -Credential} from the inventory's user and password (without them,
     * as the logon, which the endpoint then refuses with its own words).
     */
    public static ExchangeShellScript forTarget(Target target) {
        if (target.exchangeShell() == Target.ExchangeShellMode.SNAPIN) {
            return ExchangeShellScript.snapIn();
        }
        if (target.logonCanDelegate() || target.user() == null || target.password() == null) {
            return ExchangeShellScript.remote();
        }
        return ExchangeShellScript.remote(target.user(), target.password());
    }

    /**
     * Why and how to fix, when a script's error text shows the Exchange cmdlets could not be had or not run;
     * empty for any other failure.
     */
    public static Optional<String> explain(Target target, String errorText) {
        if (errorText == null) {
            return Optional.empty();
        }
        String e = errorText.toLowerCase(Locale.ROOT);
        String who = target.user() == null ? "the logon" : target.user();
        if (e.contains("pssessionopenfailed")) {
            if (e.contains("0x8009030e")) {
                return Optional.of("the Exchange management endpoint refused the session: this logon cannot delegate and"
                        + " no credential was given; set ansible_password, or use Kerberos with"
                        + " ansible_winrm_kerberos_delegation: true");
            }
            return Optional.of("the Exchange management endpoint refused " + who + ": it takes a domain account (a local"
                    + " account has no Active Directory identity) with its correct password; use a domain account in"
                    + " Organization Management (DOMAIN\\user)");
        }
        if (e.contains("is not recognized as the name of a cmdlet") && e.matches("(?s).*'(set|new|get|import|export|"
                + "remove|enable)-(authconfig|exchangecertificate|exchangeserver)'.*")) {
            return Optional.of(target.exchangeShell() == Target.ExchangeShellMode.SNAPIN
                    ? "the Exchange snap-in is not installed where this script ran; is this an Exchange server?"
                    : "the Exchange management endpoint does not offer this cmdlet to " + who + ": its role groups"
                    + " (RBAC) do not include it; the Auth certificate needs Organization Management");
        }
        if (target.exchangeShell() == Target.ExchangeShellMode.SNAPIN && !target.logonCanDelegate()
                && (e.contains("active directory operation failed") || e.contains("successful bind must be completed"))) {
            return Optional.of("the Exchange snap-in reaches Active Directory as the WinRM logon, and this logon has no"
                    + " credentials for that second hop (NTLM, or Kerberos without delegation); remove"
                    + " authcert_exchange_shell: snapin (the default, remote, uses the Exchange management endpoint), or"
                    + " use Kerberos with ansible_winrm_kerberos_delegation: true");
        }
        return Optional.empty();
    }
}
