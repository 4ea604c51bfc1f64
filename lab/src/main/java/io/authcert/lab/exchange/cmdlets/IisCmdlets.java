package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeServer.AppPoolView;
import io.authcert.lab.exchange.ExchangeServer.BindingView;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WebAdministration cmdlets the runbook needs: app pool state and recycling, worker processes, the Back End binding. */
final class IisCmdlets {

    private static final Pattern WORKER_PATH = Pattern.compile("IIS:\\\\AppPools\\\\([^\\\\]+)\\\\WorkerProcesses\\\\?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POOLS_PATH = Pattern.compile("IIS:\\\\AppPools\\\\?", Pattern.CASE_INSENSITIVE);

    private IisCmdlets() {
    }

    static PsException noPath(String path) {
        return new PsException(ErrorRecord.about(path, "Cannot find path '" + path + "' because it does not exist.",
                ErrorCategory.ObjectNotFound, "PathNotFound", "ItemNotFoundException"));
    }

    static AppPoolView pool(Organisation org, ExchangeServer server, String name) {
        return org.appPool(server, name).orElseThrow(() -> noPath("IIS:\\AppPools\\" + name));
    }

    static final class GetWebAppPoolState extends LabCmdlet {
        GetWebAppPoolState(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-WebAppPoolState";
        }

        @Override
        public String typeName() {
            return "Microsoft.IIs.PowerShell.Provider.GetAppPoolStateCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).pipelineByPropertyName());
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (Object n : invocation.parameters().list("Name")) {
                AppPoolView p = pool(org, shell.localServer(), String.valueOf(n));
                invocation.write(new PsObject("Microsoft.IIs.PowerShell.Framework.CodeProperty")
                        .set("Name", "state")
                        .set("Value", p.state())
                        .set("ItemXPath", "/system.applicationHost/applicationPools/add[@name='" + p.name() + "']")
                        .withDefaultDisplay("Value"));
            }
        }
    }

    static final class RestartWebAppPool extends LabCmdlet {
        RestartWebAppPool(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Restart-WebAppPool";
        }

        @Override
        public String typeName() {
            return "Microsoft.IIs.PowerShell.Provider.RestartAppPoolCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).pipelineByPropertyName());
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            for (BoundParameters p : invocation.records()) {
                for (Object n : p.list("Name")) {
                    AppPoolView view = pool(org, local, String.valueOf(n));
                    org.restartAppPool(local, view.name());
                }
            }
        }
    }

    static final class GetChildItem extends LabCmdlet {
        GetChildItem(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-ChildItem";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Path", PsType.STRING_ARRAY).position(0).pipelineByPropertyName(),
                    Parameter.named("Force", PsType.SWITCH), Parameter.named("Recurse", PsType.SWITCH));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            for (Object item : invocation.parameters().list("Path")) {
                String path = String.valueOf(item);
                Matcher worker = WORKER_PATH.matcher(path);
                if (worker.matches()) {
                    AppPoolView p = org.appPool(local, worker.group(1)).orElse(null);
                    if (p == null) {
                        invocation.writeError(noPath(path).record());
                        continue;
                    }
                    if ("Started".equals(p.state()) && p.processId() != 0) {
                        invocation.write(new PsObject("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#workerProcess")
                                .set("processId", p.processId())
                                .set("handles", 1200)
                                .set("state", "Running")
                                .set("startTime", ExchangeObjects.local(p.startTime(), local))
                                .set("appPoolName", p.name())
                                .withDefaultDisplay("processId", "state", "handles", "startTime"));
                    }
                } else if (POOLS_PATH.matcher(path).matches()) {
                    for (AppPoolView p : org.appPools(local)) {
                        invocation.write(new PsObject("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#applicationPool")
                                .set("name", p.name())
                                .set("state", p.state())
                                .withDefaultDisplay("name", "state")
                                .withToString(p.name()));
                    }
                } else {
                    invocation.writeError(noPath(path).record());
                }
            }
        }
    }

    static final class GetWebBinding extends LabCmdlet {
        GetWebBinding(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-WebBinding";
        }

        @Override
        public String typeName() {
            return "Microsoft.IIs.PowerShell.Provider.GetWebBindingCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING).position(0).pipelineByPropertyName(),
                    Parameter.named("Protocol", PsType.STRING), Parameter.named("Port", PsType.INT32),
                    Parameter.named("IPAddress", PsType.STRING), Parameter.named("HostHeader", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            BoundParameters p = invocation.parameters();
            BindingView b = org.backEndBinding(local).orElse(null);
            if (b == null) {
                return;
            }
            String site = p.string("Name");
            String protocol = p.string("Protocol");
            Object port = p.get("Port");
            if ((site != null && !site.equalsIgnoreCase(b.site()))
                    || (protocol != null && !protocol.equalsIgnoreCase(b.protocol()))
                    || (port != null && ((Number) port).intValue() != b.port())) {
                return;
            }
            invocation.write(binding(local, b));
        }

        private PsObject binding(ExchangeServer local, BindingView b) {
            PsObject o = new PsObject("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#site#bindings#binding")
                    .set("protocol", b.protocol())
                    .set("bindingInformation", b.bindingInformation())
                    .set("sslFlags", 0)
                    .set("certificateHash", b.certificateHash() == null ? "" : b.certificateHash())
                    .set("certificateStoreName", "My")
                    .set("ItemXPath", "/system.applicationHost/sites/site[@name='" + b.site() + "' and @id='2']")
                    .withDefaultDisplay("protocol", "bindingInformation", "sslFlags");
            o.method("AddSslCertificate", args -> {
                if (args.size() != 2) {
                    throw new PsException(ErrorRecord.of("Cannot find an overload for \"AddSslCertificate\" and the argument count: \""
                            + args.size() + "\".", ErrorCategory.NotSpecified, "MethodCountCouldNotFindBest", "MethodException"));
                }
                String thumbprint = String.valueOf(args.get(0)).replace(" ", "").toUpperCase(Locale.ROOT);
                if (org.certificateOn(local, thumbprint).isEmpty()) {
                    throw new PsException(ErrorRecord.of("Exception calling \"AddSslCertificate\" with \"2\" argument(s): "
                            + "\"A specified logon session does not exist. It may already have been terminated. "
                            + "(Exception from HRESULT: 0x80070520)\"", ErrorCategory.NotSpecified,
                            "COMException", "MethodInvocationException"));
                }
                org.bindBackEnd(local, thumbprint);
                return null;
            });
            o.method("RemoveSslCertificate", args -> {
                org.bindBackEnd(local, null);
                return null;
            });
            return o;
        }
    }
}
