package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.AllowedServices;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeException;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.ExchangeShell.NewCertificateRequest;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsEnum;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.SecureString;
import java.util.ArrayList;
import java.util.List;

/** The *-ExchangeCertificate cmdlets over the servers' certificate stores. */
final class CertificateCmdlets {

    private static final PsType SERVICES = PsType.enumOf(ExchangeObjects.ALLOWED_SERVICES);

    private CertificateCmdlets() {
    }

    /** Common shape: Exchange type name, a thumbprint at position 0 (also from the pipeline by property name). */
    abstract static class CertificateCmdlet extends LabCmdlet {
        CertificateCmdlet(Organisation org) {
            super(org);
        }

        @Override
        public String typeName() {
            return exchangeType(name());
        }

        static Parameter thumbprint() {
            return Parameter.named("Thumbprint", PsType.STRING).position(0).pipelineByPropertyName();
        }

        static Parameter server() {
            return Parameter.named("Server", PsType.STRING);
        }

        /** The target server's object view, for output (the -Server one when given). */
        ExchangeServer target(ExchangeShell shell, BoundParameters p) {
            return p.string("Server") == null ? shell.localServer() : shell.serverNamed(p.string("Server"));
        }

        PsObject view(ExchangeShell shell, BoundParameters p, ExchangeCertificate c) {
            return ExchangeObjects.certificate(c, target(shell, p), org.clock().instant());
        }

        /** The -Password (a SecureString) as characters for the PFX, or null when none was given. */
        static char[] password(BoundParameters p) {
            SecureString password = (SecureString) p.get("Password");
            return password == null ? null : password.reveal().toCharArray();
        }
    }

    static final class GetExchangeCertificate extends CertificateCmdlet {
        GetExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Get-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(thumbprint().aliases("Identity"), server(), Parameter.named("DomainName", PsType.STRING_ARRAY),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (BoundParameters p : invocation.records()) {
                try {
                    List<ExchangeCertificate> found = shell.getExchangeCertificate(p.string("Thumbprint"), p.string("Server"));
                    List<Object> domains = p.list("DomainName");
                    for (ExchangeCertificate c : found) {
                        if (domains.isEmpty() || c.domains().stream().anyMatch(d -> domains.stream()
                                .anyMatch(x -> String.valueOf(x).equalsIgnoreCase(d)))) {
                            invocation.write(shell.localServer().faults().rawDataOnlyCertificates()
                                    ? ExchangeObjects.rawDataOnly(c) : view(shell, p, c));
                        }
                    }
                } catch (ExchangeException e) {
                    writeError(invocation, e);
                }
            }
        }
    }

    static final class NewExchangeCertificate extends CertificateCmdlet {
        NewExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "New-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.named("KeySize", PsType.INT32),
                    Parameter.named("PrivateKeyExportable", PsType.BOOLEAN),
                    Parameter.named("SubjectName", PsType.STRING),
                    Parameter.named("FriendlyName", PsType.STRING),
                    Parameter.named("DomainName", PsType.STRING_ARRAY),
                    Parameter.named("Services", SERVICES),
                    Parameter.named("Server", PsType.STRING),
                    Parameter.named("Force", PsType.SWITCH),
                    Parameter.named("IncludeServerFQDN", PsType.SWITCH),
                    Parameter.named("GenerateRequest", PsType.SWITCH),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            if (p.flag("GenerateRequest")) {
                throw new ExchangeException("The lab creates self-signed certificates only; -GenerateRequest is not simulated.",
                        "NotImplemented", "GenerateRequestNotSupported");
            }
            List<String> domains = null;
            if (p.has("DomainName")) {
                domains = new ArrayList<>();
                for (Object d : p.list("DomainName")) {
                    domains.add(String.valueOf(d));
                }
            }
            if (p.flag("IncludeServerFQDN")) {
                domains = domains == null ? new ArrayList<>() : domains;
                domains.add(target(shell, p).fqdn());
            }
            Object services = p.get("Services");
            String servicesText = services == null ? null
                    : AllowedServices.format((int) ((PsEnum) services).value());
            Object exportable = p.get("PrivateKeyExportable");
            ExchangeCertificate c = shell.newExchangeCertificate(new NewCertificateRequest(
                    p.has("KeySize") ? ((Number) p.get("KeySize")).intValue() : null,
                    exportable == null ? null : Boolean.TRUE.equals(exportable),
                    p.string("SubjectName"), p.string("FriendlyName"), domains, servicesText,
                    p.string("Server"), p.flag("Force")));
            invocation.write(view(shell, p, c));
        }
    }

    static final class ExportExchangeCertificate extends CertificateCmdlet {
        ExportExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Export-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(thumbprint().mandatory().aliases("Identity"), server(),
                    Parameter.named("Password", PsType.SECURE_STRING),
                    Parameter.named("BinaryEncoded", PsType.SWITCH),
                    Parameter.named("FileName", PsType.STRING),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            if (p.has("FileName")) {
                throw new ExchangeException("The FileName parameter is deprecated; use the FileData property of the result"
                        + " and [System.IO.File]::WriteAllBytes().", "InvalidArgument", "FileNameDeprecated");
            }
            byte[] data = shell.exportExchangeCertificate(p.string("Thumbprint"), p.string("Server"), password(p));
            invocation.write(new PsObject("Microsoft.Exchange.Data.BinaryFileDataObject")
                    .set("FileData", data)
                    .set("Identity", "")
                    .set("IsValid", true));
        }
    }

    static final class ImportExchangeCertificate extends CertificateCmdlet {
        ImportExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Import-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("FileData", PsType.BYTE_ARRAY).mandatory(), server(),
                    Parameter.named("Password", PsType.SECURE_STRING),
                    Parameter.named("PrivateKeyExportable", PsType.BOOLEAN),
                    Parameter.named("FriendlyName", PsType.STRING),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            ExchangeCertificate c = shell.importExchangeCertificate(bytes(p.get("FileData")), password(p), p.string("Server"),
                    Boolean.TRUE.equals(p.get("PrivateKeyExportable")), p.string("FriendlyName"));
            invocation.write(view(shell, p, c));
        }

        private static byte[] bytes(Object value) {
            if (value instanceof byte[] b) {
                return b;
            }
            if (value instanceof List<?> list) {
                byte[] out = new byte[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((Number) list.get(i)).byteValue();
                }
                return out;
            }
            return null;
        }
    }

    static final class RemoveExchangeCertificate extends CertificateCmdlet {
        RemoveExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Remove-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(thumbprint().mandatory().aliases("Identity"), server(),
                    Parameter.named("Confirm", PsType.SWITCH), Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (BoundParameters p : invocation.records()) {
                // ConfirmImpact High: only -Confirm:$false suppresses the prompt.
                boolean confirmed = p.has("Confirm") && !p.flag("Confirm");
                shell.removeExchangeCertificate(p.string("Thumbprint"), p.string("Server"), confirmed);
            }
        }
    }

    static final class EnableExchangeCertificate extends CertificateCmdlet {
        EnableExchangeCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "Enable-ExchangeCertificate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(thumbprint().mandatory().aliases("Identity"), server(),
                    Parameter.named("Services", SERVICES).mandatory(),
                    Parameter.named("Force", PsType.SWITCH),
                    Parameter.named("DoNotRequireSsl", PsType.SWITCH),
                    Parameter.named("DomainController", PsType.STRING));
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            for (BoundParameters p : invocation.records()) {
                PsEnum services = (PsEnum) p.get("Services");
                shell.enableExchangeCertificate(p.string("Thumbprint"), AllowedServices.format((int) services.value()),
                        p.string("Server"), p.flag("Force"));
            }
        }
    }
}
