package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.Caller;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.PsException;

/**
 * Whether an Exchange cmdlet can reach Active Directory from where it runs. Through the management endpoint
 * (an imported session) the endpoint does the directory work, so it always can. Through the snap-in loaded in
 * the script's own process it binds to a domain controller as the script's logon: a domain account whose
 * logon holds credentials (Kerberos with a delegated ticket, CredSSP, an interactive console) can; a network
 * logon without them (NTLM, Kerberos without delegation) binds anonymously and fails, as does a local account.
 */
final class DirectoryAccess {

    private DirectoryAccess() {
    }

    static void check(Invocation invocation, String cmdlet, Organisation org, boolean edge) {
        // An Edge Transport server keeps its configuration in its own AD LDS instance, not in the domain's AD.
        if (edge || invocation.importedFrom(CmdletRegistry.EXCHANGE_SNAPIN, cmdlet).isPresent()) {
            return;
        }
        Caller caller = invocation.caller();
        if (caller.domainAccount() && caller.networkCredentials()) {
            return;
        }
        throw new PsException(ErrorRecord.of(bindFailed(org), ErrorCategory.NotSpecified, "ADOperationException",
                "ADOperationException"));
    }

    /**
     * The text of an ADOperationException after an anonymous LDAP bind (INFERENCE: the wording is the one
     * commonly reported for the Exchange snap-in in a remote session without delegation; the DSID part varies).
     */
    static String bindFailed(Organisation org) {
        return "Active Directory operation failed on DC01." + org.domain() + ". This error is not retriable."
                + " Additional information: An operations error occurred. Active directory response: 000004DC: LdapErr:"
                + " DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on"
                + " the connection., data 0, v4563";
    }
}
