package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.Caller;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ManagementRoles;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.ImportedCommands;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.SecureString;
import io.authcert.lab.wsman.LabAccounts;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The Exchange management endpoint as a script on a server reaches it: {@code New-PSSession
 * -ConfigurationName Microsoft.Exchange -ConnectionUri http://<fqdn>/PowerShell/ -Authentication Kerberos
 * [-Credential]}, {@code Import-PSSession}, {@code Remove-PSSession}. The session runs as the credential's
 * account (or as the script's own logon when that can delegate), and the imported cmdlets are those its role
 * groups allow ({@link ManagementRoles}). No HTTP is spoken: the endpoint is the same simulated organisation.
 */
public final class RemoteSessionCmdlets {

    static final String SESSION_TYPE = "System.Management.Automation.Runspaces.PSSession";

    private RemoteSessionCmdlets() {
    }

    /** The session a PSSession object stands for. */
    record RemoteSession(String computer, Caller runAs) implements ImportedCommands {
        @Override
        public String snapIn() {
            return CmdletRegistry.EXCHANGE_SNAPIN;
        }

        @Override
        public boolean provides(String cmdlet) {
            return ManagementRoles.allows(runAs, cmdlet);
        }

        @Override
        public Caller caller() {
            return runAs;
        }

        @Override
        public Object session() {
            return this;
        }
    }

    /** New-PSSession to the Exchange management endpoint of a server of the organisation. */
    public static final class NewPSSession implements Cmdlet {
        private final Organisation org;
        private final LabAccounts accounts;

        public NewPSSession(Organisation org, LabAccounts accounts) {
            this.org = org;
            this.accounts = accounts;
        }

        @Override
        public String name() {
            return "New-PSSession";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.NewPSSessionCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("ConfigurationName", PsType.STRING),
                    Parameter.named("ConnectionUri", PsType.STRING).aliases("URI", "CU"),
                    Parameter.named("Authentication", PsType.STRING),
                    Parameter.named("Credential", PsType.OBJECT),
                    Parameter.named("Name", PsType.STRING),
                    Parameter.named("AllowRedirection", PsType.SWITCH),
                    Parameter.named("SessionOption", PsType.OBJECT));
        }

        @Override
        public void invoke(Invocation call) {
            String uriText = call.parameters().string("ConnectionUri");
            URI uri = URI.create(uriText == null ? "" : uriText);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String config = call.parameters().string("ConfigurationName");
            Optional<ExchangeServer> target = org.servers().stream()
                    .filter(s -> host.equalsIgnoreCase(s.name()) || host.equalsIgnoreCase(s.name() + "." + org.domain()))
                    .findFirst();
            if (target.isEmpty()) {
                throw openFailed(host, "WinRM cannot process the request because the server name cannot be resolved.",
                        "-2144108103");
            }
            if (target.get().isEdge() || !"/powershell/".equalsIgnoreCase(pathOf(uri))
                    || !"Microsoft.Exchange".equalsIgnoreCase(config)) {
                // INFERENCE: an Edge server has no IIS /PowerShell virtual directory; the client sees the 404.
                throw openFailed(host, "The WinRM client received an HTTP status code of 404 from the remote WS-Management"
                        + " service.", "-2144108309");
            }
            String authentication = call.parameters().string("Authentication");
            if (authentication != null && !authentication.equalsIgnoreCase("Kerberos")
                    && !authentication.equalsIgnoreCase("Default") && !authentication.equalsIgnoreCase("Negotiate")) {
                throw openFailed(host, "Access is denied.", "-2144108477");
            }
            Caller runAs = runAs(call, host);
            PsObject session = new PsObject(SESSION_TYPE)
                    .set("Id", 1)
                    .set("Name", call.parameters().has("Name") ? call.parameters().string("Name") : "WinRM1")
                    .set("ComputerName", host)
                    .set("ConfigurationName", "Microsoft.Exchange")
                    .set("State", "Opened")
                    .set("InstanceId", UUID.randomUUID().toString())
                    .set("Availability", "Available")
                    .withDefaultDisplay("Id", "Name", "ComputerName", "State", "ConfigurationName", "Availability");
            session.set("Runspace", new RemoteSession(host, runAs));
            call.write(session);
        }

        /** Who the session runs as: the credential's account, else the logon's own when it can delegate. */
        private Caller runAs(Invocation call, String host) {
            Object credential = call.parameters().get("Credential");
            if (credential == null) {
                Caller own = call.caller();
                if (!own.domainAccount()) {
                    throw openFailed(host, "Access is denied.", "-2144108477");
                }
                if (!own.networkCredentials()) {
                    // What a network logon without delegated credentials gets when it tries Kerberos onwards.
                    throw openFailed(host, "WinRM cannot process the request. The following error with errorcode"
                            + " 0x8009030e occurred while using Kerberos authentication: A specified logon session does not"
                            + " exist. It may already have been terminated.", "-2144108387");
                }
                return own;
            }
            if (!(credential instanceof PsObject c) || !(c.get("Password") instanceof SecureString password)) {
                throw new PsException(ErrorRecord.of("Cannot process argument transformation on parameter 'Credential'."
                        + " userName", ErrorCategory.InvalidData, "ParameterArgumentTransformationError",
                        "ParameterBindingArgumentTransformationException"));
            }
            String user = String.valueOf(c.get("UserName"));
            int slash = user.indexOf('\\');
            String domain = slash > 0 ? user.substring(0, slash) : null;
            String name = slash > 0 ? user.substring(slash + 1) : user;
            String server = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
            Optional<LabAccounts.Account> account = accounts.resolve(server, domain, name)
                    .filter(a -> MessageDigest.isEqual(a.password().getBytes(StandardCharsets.UTF_8),
                            password.reveal().getBytes(StandardCharsets.UTF_8)));
            if (account.isEmpty() || account.get().domain() == null) {
                // A wrong password or a server's local account: Kerberos cannot log on, IIS refuses.
                throw openFailed(host, "Access is denied.", "-2144108477");
            }
            LabAccounts.Account a = account.get();
            return new Caller(a.domain() + "\\" + a.name(), a.groups(), true, true);
        }

        private static String pathOf(URI uri) {
            String p = uri.getPath() == null ? "" : uri.getPath();
            return p.endsWith("/") ? p : p + "/";
        }

        /** KB 2898571's form: "[host] Connecting to remote server host failed with the following error message : ...". */
        static PsException openFailed(String host, String why, String code) {
            return new PsException(new ErrorRecord("[" + host + "] Connecting to remote server " + host + " failed with the"
                    + " following error message : " + why + " For more information, see the about_Remote_Troubleshooting"
                    + " Help topic.", ErrorCategory.OpenError, code + ",PSSessionOpenFailed",
                    "System.Manageme....RemoteRunspace", "RemoteRunspace", "PSRemotingTransportException"));
        }
    }

    /** Import-PSSession: makes the session's allowed cmdlets commands of the script; returns the temporary module. */
    public static final class ImportPSSession implements Cmdlet {
        @Override
        public String name() {
            return "Import-PSSession";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.ImportPSSessionCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Session", PsType.OBJECT).position(0).mandatory(),
                    Parameter.named("DisableNameChecking", PsType.SWITCH),
                    Parameter.named("AllowClobber", PsType.SWITCH),
                    Parameter.named("CommandName", PsType.STRING_ARRAY).position(1).aliases("Name"));
        }

        @Override
        public void invoke(Invocation call) {
            RemoteSession session = sessionOf(call.parameters().get("Session"));
            call.importCommands(session);
            call.write(new PsObject("System.Management.Automation.PSModuleInfo")
                    .set("Name", "tmp_" + UUID.randomUUID().toString().substring(0, 8) + ".lab")
                    .set("ModuleType", "Script")
                    .withDefaultDisplay("ModuleType", "Name"));
        }
    }

    /** Remove-PSSession: closes the session; its imported cmdlets are gone. */
    public static final class RemovePSSession implements Cmdlet {
        @Override
        public String name() {
            return "Remove-PSSession";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.RemovePSSessionCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Session", PsType.OBJECT).position(0).pipeline());
        }

        @Override
        public void invoke(Invocation call) {
            for (var record : call.records()) {
                Object value = record.get("Session");
                if (value instanceof PsObject o && o.get("Runspace") instanceof RemoteSession s) {
                    call.removeImports(s);
                    o.set("State", "Closed");
                }
            }
        }
    }

    static RemoteSession sessionOf(Object value) {
        Object v = value instanceof List<?> l && l.size() == 1 ? l.get(0) : value;
        if (v instanceof PsObject o && o.get("Runspace") instanceof RemoteSession s) {
            return s;
        }
        throw new PsException(ErrorRecord.of("Cannot validate argument on parameter 'Session'. The argument is null or"
                + " empty. Provide an argument that is not null or empty, and then try the command again.",
                ErrorCategory.InvalidData, "ParameterArgumentValidationError", "ParameterBindingValidationException"));
    }
}
