package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeServer.AppPoolView;
import io.authcert.lab.exchange.ExchangeServer.ServiceView;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsEnum;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Get-Service, Restart-Service, Get-CimInstance Win32_Service and Get-Process over a simulated server. */
final class WindowsCmdlets {

    static final PsEnum.Type SERVICE_STATUS = new PsEnum.Type("System.ServiceProcess.ServiceControllerStatus", false,
            java.util.Map.of("Stopped", 1L, "StartPending", 2L, "StopPending", 3L, "Running", 4L,
                    "ContinuePending", 5L, "PausePending", 6L, "Paused", 7L));

    private WindowsCmdlets() {
    }

    static PsObject service(ServiceView s) {
        return new PsObject("System.ServiceProcess.ServiceController")
                .set("Name", s.name())
                .set("DisplayName", s.displayName())
                .set("ServiceName", s.name())
                .set("Status", SERVICE_STATUS.parse(s.status()))
                .set("StartType", "Automatic")
                .set("CanStop", true)
                .set("MachineName", ".")
                .withDefaultDisplay("Status", "Name", "DisplayName")
                .withToString("System.ServiceProcess.ServiceController");
    }

    static PsException noService(String name, String cmdlet) {
        return new PsException(ErrorRecord.about(name, "Cannot find any service with service name '" + name + "'.",
                ErrorCategory.ObjectNotFound, "NoServiceFoundForGivenName", "ServiceCommandException"));
    }

    /** Simple wildcard match (* and ?), case-insensitive, as -Name accepts. */
    static boolean like(String pattern, String value) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    /**
     * Test-Path for the registry keys scripts use to tell an Exchange server's role (HKLM:\\SOFTWARE\\Microsoft\\
     * ExchangeServer\\v15\\Setup on every Exchange server, ...\\EdgeTransportRole on an Edge Transport server,
     * ...\\MailboxRole on the others, as CSS-Exchange's Confirm-ExchangeShell reads them); any other path is absent.
     */
    static final class TestPath extends LabCmdlet {
        private static final String V15 = "hklm:\\software\\microsoft\\exchangeserver\\v15\\";

        TestPath(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Test-Path";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Path", PsType.STRING_ARRAY).position(0).pipeline(),
                    Parameter.named("LiteralPath", PsType.STRING_ARRAY).aliases("PSPath"));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            List<Object> paths = new java.util.ArrayList<>(invocation.parameters().list("Path"));
            paths.addAll(invocation.parameters().list("LiteralPath"));
            boolean edge = shell.localServer().isEdge();
            for (Object p : paths) {
                String path = String.valueOf(p).toLowerCase(java.util.Locale.ROOT)
                        .replace("registry::hkey_local_machine\\", "hklm:\\").replaceAll("\\\\+$", "");
                invocation.write(path.equals(V15 + "setup") || (edge && path.equals(V15 + "edgetransportrole"))
                        || (!edge && path.equals(V15 + "mailboxrole")));
            }
        }
    }

    static final class GetService extends LabCmdlet {
        GetService(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-Service";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).pipeline().aliases("ServiceName"));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            List<ServiceView> all = org.services(shell.localServer());
            List<Object> names = invocation.parameters().list("Name");
            if (names.isEmpty()) {
                all.forEach(s -> invocation.write(service(s)));
                return;
            }
            for (Object n : names) {
                String name = String.valueOf(n);
                List<ServiceView> hits = all.stream().filter(s -> like(name, s.name())).toList();
                if (hits.isEmpty() && !name.contains("*")) {
                    invocation.writeError(noService(name, name()).record());
                }
                hits.forEach(s -> invocation.write(service(s)));
            }
        }
    }

    static final class RestartService extends LabCmdlet {
        RestartService(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Restart-Service";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).pipelineByPropertyName()
                            .aliases("ServiceName"),
                    Parameter.named("Force", PsType.SWITCH), Parameter.named("PassThru", PsType.SWITCH));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            for (BoundParameters p : invocation.records()) {
                for (Object n : p.list("Name")) {
                    String name = String.valueOf(n);
                    ServiceView s = org.service(local, name).orElseThrow(() -> noService(name, name()));
                    invocation.writeWarning("Waiting for service '" + s.displayName() + " (" + s.name() + ")' to stop...");
                    org.restartService(local, s.name());
                    if (p.flag("PassThru")) {
                        invocation.write(service(org.service(local, name).orElseThrow()));
                    }
                }
            }
        }
    }

    static final class GetCimInstance extends LabCmdlet {
        private static final Pattern FILTER = Pattern.compile("\\s*Name\\s*=\\s*['\"]([^'\"]*)['\"]\\s*", Pattern.CASE_INSENSITIVE);

        GetCimInstance(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-CimInstance";
        }

        @Override
        public String typeName() {
            return "Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("ClassName", PsType.STRING).position(0).aliases("Class"),
                    Parameter.named("Filter", PsType.STRING), Parameter.named("Namespace", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            String className = p.string("ClassName");
            if (className == null || !className.equalsIgnoreCase("Win32_Service")) {
                throw new PsException(ErrorRecord.about(className, "Invalid class ", ErrorCategory.MetadataError,
                        "HRESULT 0x80041010", "CimException"));
            }
            String filter = p.string("Filter");
            String only = null;
            if (filter != null) {
                Matcher m = FILTER.matcher(filter);
                if (!m.matches()) {
                    throw new PsException(ErrorRecord.about(filter, "Invalid query ", ErrorCategory.InvalidArgument,
                            "HRESULT 0x80041017", "CimException"));
                }
                only = m.group(1);
            }
            for (ServiceView s : org.services(shell.localServer())) {
                if (only == null || s.name().equalsIgnoreCase(only)) {
                    invocation.write(new PsObject("Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service")
                            .set("Name", s.name())
                            .set("DisplayName", s.displayName())
                            .set("State", s.status())
                            .set("Status", "OK")
                            .set("StartMode", "Auto")
                            .set("ProcessId", (long) s.processId())
                            .set("Started", "Running".equals(s.status()))
                            .withDefaultDisplay("ProcessId", "Name", "StartMode", "State", "Status", "ExitCode"));
                }
            }
        }
    }

    static final class GetProcess extends LabCmdlet {
        GetProcess(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-Process";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Id", PsType.arrayOf(PsType.INT32)).pipelineByPropertyName().aliases("PID"),
                    Parameter.named("Name", PsType.STRING_ARRAY).position(0).aliases("ProcessName"));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            ExchangeServer local = shell.localServer();
            BoundParameters p = invocation.parameters();
            for (Object id : p.list("Id")) {
                int pid = ((Number) id).intValue();
                Optional<Instant> started = org.processStart(local, pid);
                if (started.isEmpty()) {
                    invocation.writeError(ErrorRecord.about(Integer.toString(pid),
                            "Cannot find a process with the process identifier " + pid + ".", ErrorCategory.ObjectNotFound,
                            "NoProcessFoundForGivenId", "ProcessCommandException"));
                    continue;
                }
                String processName = processName(local, pid);
                invocation.write(new PsObject("System.Diagnostics.Process")
                        .set("Id", pid)
                        .set("ProcessName", processName)
                        .set("Name", processName)
                        .set("StartTime", ExchangeObjects.local(started.get(), local))
                        .set("HasExited", false)
                        .withDefaultDisplay("Id", "ProcessName", "StartTime")
                        .withToString("System.Diagnostics.Process (" + processName + ")"));
            }
        }

        private String processName(ExchangeServer local, int pid) {
            for (AppPoolView pool : org.appPools(local)) {
                if (pool.processId() == pid) {
                    return "w3wp";
                }
            }
            for (ServiceView s : org.services(local)) {
                if (s.processId() == pid) {
                    return switch (s.name().toLowerCase(Locale.ROOT)) {
                        case "msexchangeservicehost" -> "Microsoft.Exchange.ServiceHost";
                        case "msexchangeis" -> "Microsoft.Exchange.Store.Service";
                        case "w3svc" -> "svchost";
                        default -> s.name();
                    };
                }
            }
            return "System";
        }
    }
}
