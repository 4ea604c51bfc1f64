package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeException;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeServer.EventLogEntry;
import io.authcert.lab.exchange.ExchangeServer.ServiceView;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsHashtable;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the AuthAdmin servicelet shows what it did, as Microsoft's "Maintain the Exchange Server OAuth
 * certificate" says to look: {@code Get-ExchangeDiagnosticInfo -Process Microsoft.Exchange.ServiceHost}
 * (its last run, under {@code Diagnostics.Components.AnchorApplication.AnchorServiceComponents.CacheScheduler.lastRunTime})
 * and {@code Get-WinEvent} on the Application log (event 2014 from MSExchange AuthAdmin when it publishes, event
 * 1003 from MSExchange Front End HTTPS Proxy when OWA's sign-in fails).
 */
final class DiagnosticsCmdlets {

    private static final String SERVICE_HOST_PROCESS = "Microsoft.Exchange.ServiceHost";
    /** Exchange writes diagnostic times as UTC round-trip text (HealthChecker's fixture: {@code 2024-05-22T15:12:38.3041278Z}). */
    private static final DateTimeFormatter ROUND_TRIP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    private DiagnosticsCmdlets() {
    }

    static final class GetExchangeDiagnosticInfo extends LabCmdlet {
        GetExchangeDiagnosticInfo(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-ExchangeDiagnosticInfo";
        }

        @Override
        public String typeName() {
            return "Microsoft.Exchange.Management.Powershell.Support.GetExchangeDiagnosticInfo";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Process", PsType.STRING), Parameter.named("Component", PsType.STRING),
                    Parameter.named("Argument", PsType.STRING), Parameter.named("Server", PsType.STRING),
                    Parameter.named("Unlimited", PsType.SWITCH));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            ExchangeServer server = p.string("Server") == null ? shell.localServer() : shell.serverNamed(p.string("Server"));
            String process = p.string("Process");
            ServiceView host = org.service(server, ExchangeServer.SERVICE_HOST).orElse(null);
            if (process == null || !process.equalsIgnoreCase(SERVICE_HOST_PROCESS) || host == null
                    || !"Running".equals(host.status())) {
                // Exchange's wording for an unknown or stopped process is not documented.
                throw new ExchangeException("The lab serves diagnostics only for the running process " + SERVICE_HOST_PROCESS
                        + " (asked for " + process + " on " + server.name().toUpperCase(Locale.ROOT) + ").",
                        "InvalidArgument", "DiagnosticProcessNotFound,Get-ExchangeDiagnosticInfo");
            }
            String xml = xml(server, host, org.lastServiceletRun(server).orElse(null), org.clock().instant());
            invocation.write(new PsObject("Microsoft.Exchange.Management.Powershell.Support.ExchangeDiagnosticInfoResult")
                    .set("Result", xml)
                    .set("Identity", null)
                    .set("IsValid", true)
                    .withToString(xml));
        }

        /** The document's shape as Exchange returns it; only the servicelet's last run is modelled in it. */
        private static String xml(ExchangeServer server, ServiceView host, Instant lastRun, Instant now) {
            StringBuilder x = new StringBuilder();
            x.append("<Diagnostics>\r\n  <ProcessInfo>\r\n");
            x.append("    <id>").append(host.processId()).append("</id>\r\n");
            x.append("    <serverName>").append(server.name().toUpperCase(Locale.ROOT)).append("</serverName>\r\n");
            if (host.startTime() != null) {
                x.append("    <startTime>").append(ROUND_TRIP.format(host.startTime())).append("</startTime>\r\n");
            }
            x.append("    <currentTime>").append(ROUND_TRIP.format(now)).append("</currentTime>\r\n");
            x.append("  </ProcessInfo>\r\n  <Components>\r\n    <AnchorApplication name=\"AuthAdmin\">\r\n");
            x.append("      <AnchorServiceComponents>\r\n        <count>1</count>\r\n        <CacheScheduler>\r\n");
            if (lastRun != null) {
                x.append("          <lastRunTime>").append(ROUND_TRIP.format(lastRun)).append("</lastRunTime>\r\n");
            }
            x.append("        </CacheScheduler>\r\n      </AnchorServiceComponents>\r\n    </AnchorApplication>\r\n");
            x.append("  </Components>\r\n</Diagnostics>");
            return x.toString();
        }
    }

    /** {@code Get-WinEvent} over the server's Application log: -FilterHashtable (LogName, ProviderName, Id, StartTime) or -LogName, -MaxEvents. */
    static final class GetWinEvent extends LabCmdlet {
        GetWinEvent(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-WinEvent";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("LogName", PsType.STRING_ARRAY).position(0),
                    Parameter.named("FilterHashtable", PsType.HASHTABLE),
                    Parameter.named("ProviderName", PsType.STRING_ARRAY),
                    Parameter.named("MaxEvents", PsType.INT64));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            PsHashtable filter = (PsHashtable) p.get("FilterHashtable");
            List<String> logs = texts(filter != null ? filter.get("LogName") : p.get("LogName"));
            List<String> providers = texts(filter != null ? filter.get("ProviderName") : p.get("ProviderName"));
            List<String> ids = texts(filter == null ? null : filter.get("Id"));
            Instant since = filter != null && filter.get("StartTime") instanceof PsDateTime d ? d.instant() : null;
            long max = p.has("MaxEvents") ? ((Number) p.get("MaxEvents")).longValue() : Long.MAX_VALUE;
            ExchangeServer server = shell.localServer();
            boolean application = logs.isEmpty() || logs.stream().anyMatch(l -> l.equalsIgnoreCase("Application"));
            List<EventLogEntry> hits = new ArrayList<>();
            if (application) {
                for (EventLogEntry e : org.applicationLog(server)) {
                    if ((providers.isEmpty() || providers.stream().anyMatch(x -> x.equalsIgnoreCase(e.providerName())))
                            && (ids.isEmpty() || ids.contains(Integer.toString(e.id())))
                            && (since == null || !e.timeCreated().isBefore(since)) && hits.size() < max) {
                        hits.add(e);
                    }
                }
            }
            if (hits.isEmpty()) {
                invocation.writeError(ErrorRecord.of("No events were found that match the specified selection criteria.",
                        ErrorCategory.ObjectNotFound, "NoMatchingEventsFound", "Exception"));
                return;
            }
            for (EventLogEntry e : hits) {
                invocation.write(new PsObject("System.Diagnostics.Eventing.Reader.EventLogRecord")
                        .set("Message", e.message())
                        .set("Id", e.id())
                        .set("ProviderName", e.providerName())
                        .set("LogName", "Application")
                        .set("LevelDisplayName", e.level())
                        .set("MachineName", server.fqdn())
                        .set("TimeCreated", ExchangeObjects.local(e.timeCreated().truncatedTo(ChronoUnit.MILLIS), server))
                        .withDefaultDisplay("TimeCreated", "Id", "LevelDisplayName", "Message"));
            }
        }

        private static List<String> texts(Object value) {
            List<String> out = new ArrayList<>();
            for (Object v : LanguagePrimitives.enumerate(value)) {
                out.add(LanguagePrimitives.toStringValue(v));
            }
            return out;
        }
    }
}
