package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Get-ExchangeServer and Get-HybridConfiguration. */
final class ServerCmdlets {

    private ServerCmdlets() {
    }

    static final class GetExchangeServer extends LabCmdlet {
        GetExchangeServer(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-ExchangeServer";
        }

        @Override
        public String typeName() {
            return "Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeServer";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Identity", PsType.STRING).position(0).pipeline(),
                    Parameter.named("Status", PsType.SWITCH), Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (ExchangeServer s : shell.getExchangeServer(invocation.parameters().string("Identity"))) {
                invocation.write(ExchangeObjects.server(s, org));
            }
        }
    }

    /**
     * Get-TransportService: the Mailbox server's transport settings; the lab models the one the engine reads,
     * InternalTransportCertificateThumbprint (the default SMTP certificate, msExchServerInternalTLSCert, which
     * New-ExchangeCertificate -Services SMTP -Force and Enable-ExchangeCertificate -Services SMTP -Force overwrite).
     */
    static final class GetTransportService extends LabCmdlet {
        GetTransportService(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-TransportService";
        }

        @Override
        public String typeName() {
            return "Microsoft.Exchange.Management.SystemConfigurationTasks.GetTransportService";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Identity", PsType.STRING).position(0).pipeline(),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (ExchangeServer s : shell.getExchangeServer(invocation.parameters().string("Identity"))) {
                if (s.isEdge()) {
                    continue;
                }
                String thumbprint = org.internalTransportCertificate(s);
                invocation.write(new PsObject("Microsoft.Exchange.Data.Directory.SystemConfiguration.TransportServer")
                        .set("Name", s.name())
                        .set("Identity", s.name())
                        .set("InternalTransportCertificateThumbprint", thumbprint == null ? "" : thumbprint)
                        .withDefaultDisplay("Name", "InternalTransportCertificateThumbprint")
                        .withToString(s.name()));
            }
        }
    }

    static final class GetHybridConfiguration extends LabCmdlet {
        GetHybridConfiguration(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-HybridConfiguration";
        }

        @Override
        public String typeName() {
            return "Microsoft.Exchange.Management.Hybrid.GetHybridConfiguration";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            org.hybrid().ifPresent(h -> invocation.write(ExchangeObjects.hybrid(h, org)));
        }
    }
}
