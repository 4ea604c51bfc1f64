package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeException;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.SelfSignedCertificates;
import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsEnum;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The PKI module's New-SelfSignedCertificate, with every parameter of its reference declared. */
final class PkiCmdlets {

    private static final String NS = "Microsoft.CertificateServices.Commands.";
    static final PsEnum.Type KEY_EXPORT_POLICY = PsEnum.Type.of(NS + "KeyExportPolicy",
            "NonExportable", "ExportableEncrypted", "Exportable");
    static final PsEnum.Type KEY_SPEC = PsEnum.Type.of(NS + "KeySpec", "None", "KeyExchange", "Signature");
    static final PsEnum.Type CERTIFICATE_TYPE = PsEnum.Type.of(NS + "CertificateType",
            "Custom", "CodeSigningCert", "DocumentEncryptionCert", "SSLServerAuthentication", "DocumentEncryptionCertLegacyCsp");

    private PkiCmdlets() {
    }

    static final class NewSelfSignedCertificate extends LabCmdlet {

        /** Parameters of the reference the lab accepts by name and refuses to run with: it does not simulate them. */
        private static final List<String> NOT_SIMULATED = List.of("SecurityDescriptor", "Extension", "HardwareKeyUsage",
                "KeyUsageProperty", "KeyUsage", "KeyProtection", "SmimeCapabilities", "ExistingKey", "KeyLocation",
                "SignerReader", "Reader", "SignerPin", "Pin", "KeyDescription", "KeyFriendlyName", "Container",
                "CurveExport", "SerialNumber", "SuppressOid", "AlternateSignatureAlgorithm", "TestRoot", "Signer",
                "CloneCert");

        NewSelfSignedCertificate(Organisation org) {
            super(org);
        }

        @Override
        public String name() {
            return "New-SelfSignedCertificate";
        }

        @Override
        public String typeName() {
            return NS + "NewSelfSignedCertificateCommand";
        }

        @Override
        public List<Parameter> parameters() {
            List<Parameter> p = new ArrayList<>(List.of(
                    Parameter.named("Subject", PsType.STRING),
                    Parameter.named("DnsName", PsType.STRING_ARRAY),
                    Parameter.named("FriendlyName", PsType.STRING),
                    Parameter.named("NotBefore", PsType.DATETIME),
                    Parameter.named("NotAfter", PsType.DATETIME),
                    Parameter.named("KeyAlgorithm", PsType.STRING),
                    Parameter.named("KeyLength", PsType.INT32),
                    Parameter.named("KeyExportPolicy", PsType.arrayOf(PsType.enumOf(KEY_EXPORT_POLICY))),
                    Parameter.named("KeySpec", PsType.enumOf(KEY_SPEC)),
                    Parameter.named("Provider", PsType.STRING),
                    Parameter.named("HashAlgorithm", PsType.STRING),
                    Parameter.named("CertStoreLocation", PsType.STRING),
                    Parameter.named("Type", PsType.enumOf(CERTIFICATE_TYPE)),
                    Parameter.named("TextExtension", PsType.STRING_ARRAY)));
            for (String name : NOT_SIMULATED) {
                p.add(Parameter.named(name, switch (name) {
                    case "SmimeCapabilities", "ExistingKey", "AlternateSignatureAlgorithm", "TestRoot" -> PsType.SWITCH;
                    case "SignerPin", "Pin" -> PsType.SECURE_STRING;
                    case "SuppressOid" -> PsType.STRING_ARRAY;
                    case "Container", "KeyLocation", "SignerReader", "Reader", "KeyDescription", "KeyFriendlyName",
                            "SerialNumber" -> PsType.STRING;
                    default -> PsType.OBJECT;
                }));
            }
            p.addAll(Parameter.shouldProcess());
            return p;
        }

        @Override
        protected void run(Invocation invocation, ExchangeShell shell) {
            BoundParameters p = invocation.parameters();
            for (String name : NOT_SIMULATED) {
                if (p.has(name)) {
                    throw new ExchangeException("New-SelfSignedCertificate in the lab does not simulate -" + name + ".",
                            "NotImplemented", "NotSimulated," + typeName());
                }
            }
            String type = p.has("Type") ? p.get("Type").toString() : null;
            if (type != null && !type.equals("Custom") && !type.equals("SSLServerAuthentication")) {
                throw new ExchangeException("New-SelfSignedCertificate in the lab does not simulate -Type " + type + ".",
                        "NotImplemented", "NotSimulated," + typeName());
            }
            if (p.flag("WhatIf")) {
                invocation.writeHost("What if: Performing the operation \"New-SelfSignedCertificate\" on target"
                        + " \"" + String.valueOf(p.string("Subject")) + "\".");
                return;
            }
            PsDateTime notBefore = p.dateTime("NotBefore");
            PsDateTime notAfter = p.dateTime("NotAfter");
            ExchangeServer server = shell.localServer();
            ExchangeCertificate c = SelfSignedCertificates.create(org, server, new SelfSignedCertificates.Request(
                    p.string("Subject"), strings(p, "DnsName"), p.string("FriendlyName"),
                    notBefore == null ? null : notBefore.instant(), notAfter == null ? null : notAfter.instant(),
                    p.string("KeyAlgorithm"), p.has("KeyLength") ? ((Number) p.get("KeyLength")).intValue() : null,
                    exportPolicy(p), p.has("KeySpec") ? p.get("KeySpec").toString() : null, p.string("Provider"),
                    p.string("HashAlgorithm"), p.string("CertStoreLocation"), type, strings(p, "TextExtension")));
            invocation.write(x509Certificate2(c, server, p.string("CertStoreLocation")));
        }

        /** The policy named last wins when several are given (the lab's choice: the reference is silent). */
        private static String exportPolicy(BoundParameters p) {
            List<Object> policies = p.list("KeyExportPolicy");
            return policies.isEmpty() ? null : policies.get(policies.size() - 1).toString();
        }

        private static List<String> strings(BoundParameters p, String name) {
            List<String> out = new ArrayList<>();
            for (Object o : p.list(name)) {
                out.add(String.valueOf(o));
            }
            return out;
        }
    }

    /** What the cmdlet returns: an X509Certificate2 from the certificate provider (so with its PSPath). */
    static PsObject x509Certificate2(ExchangeCertificate c, ExchangeServer server, String store) {
        String location = store != null && store.toLowerCase(Locale.ROOT).contains("currentuser") ? "CurrentUser\\My" : "LocalMachine\\My";
        return new PsObject("System.Security.Cryptography.X509Certificates.X509Certificate2")
                .set("PSPath", "Microsoft.PowerShell.Security\\Certificate::" + location + "\\" + c.thumbprint())
                .set("PSParentPath", "Microsoft.PowerShell.Security\\Certificate::" + location)
                .set("PSChildName", c.thumbprint())
                .set("Thumbprint", c.thumbprint())
                .set("Subject", c.subject())
                .set("Issuer", c.issuer())
                .set("NotBefore", ExchangeObjects.local(c.notBefore(), server))
                .set("NotAfter", ExchangeObjects.local(c.notAfter(), server))
                .set("FriendlyName", c.friendlyName())
                .set("HasPrivateKey", c.hasPrivateKey())
                .set("SerialNumber", c.x509().getSerialNumber().toString(16).toUpperCase(Locale.ROOT))
                .set("Version", 3)
                .set("DnsNameList", List.copyOf(c.domains()))
                .withDefaultDisplay("Thumbprint", "Subject");
    }
}
