package io.authcert.lab.pwsh;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A stub Exchange server for interpreter tests: just enough cmdlets for gather.ps1, with fixed data. */
final class StubExchange {

    static final PsEnum.Type SERVICES = new PsEnum.Type("Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices",
            true, Map.of("None", 0L, "IMAP", 1L, "POP", 2L, "UM", 4L, "IIS", 8L, "SMTP", 16L, "Federation", 32L,
            "UMCallRouter", 64L));
    static final PsEnum.Type STATUS = PsEnum.Type.of("Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus",
            "Unknown", "Valid", "Revoked", "DateInvalid", "Untrusted", "Invalid", "RevocationCheckFailure", "PendingRequest");
    static final ZoneId ZONE = ZoneId.of("UTC");

    private StubExchange() {
    }

    static CmdletRegistry registry() {
        CmdletRegistry r = CmdletRegistry.withBuiltins();
        String snap = CmdletRegistry.EXCHANGE_SNAPIN;
        r.register(snap, StubCmdlet.of("Get-ExchangeServer",
                List.of(Parameter.named("Identity", PsType.STRING).position(0).pipeline()), (call, p) -> {
                    if (!"EX01".equalsIgnoreCase(p.string("Identity"))) {
                        throw new PsException(ErrorRecord.about(p.string("Identity"), "The operation couldn't be performed "
                                + "because object '" + p.string("Identity") + "' couldn't be found on 'dc01.contoso.com'.",
                                ErrorCategory.NotSpecified, "D7E52E6E", "ManagementObjectNotFoundException"));
                    }
                    call.write(new PsObject("Microsoft.Exchange.Data.Directory.Management.ExchangeServer")
                            .set("Name", "EX01").set("Fqdn", "ex01.contoso.com")
                            .set("AdminDisplayVersion", new PsObject("Microsoft.Exchange.Data.ServerVersion")
                                    .set("Major", 15).withToString("Version 15.2 (Build 1544.4)"))
                            .set("ServerRole", new PsEnum.Type("Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole",
                                    true, Map.of("None", 0L, "Mailbox", 2L, "ClientAccess", 4L, "Edge", 64L)).value(6))
                            .set("Site", new PsObject("Microsoft.Exchange.Data.Directory.ADObjectId")
                                    .set("Name", "Default-First-Site-Name")
                                    .withToString("contoso.com/Configuration/Sites/Default-First-Site-Name"))
                            .set("IsEdgeServer", false));
                }));
        r.register(snap, StubCmdlet.of("Get-AuthConfig", List.of(), (call, p) -> call.write(
                new PsObject("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig")
                        .set("CurrentCertificateThumbprint", "AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000")
                        .set("PreviousCertificateThumbprint", "")
                        .set("NextCertificateThumbprint", "BBBB1111BBBB1111BBBB1111BBBB1111BBBB1111")
                        .set("NextCertificateEffectiveDate", PsDateTime.local(Instant.parse("2026-11-28T06:00:00Z"), ZONE))
                        .set("ServiceName", "00000002-0000-0ff1-ce00-000000000000")
                        .set("Realm", "")
                        .set("DistinguishedName", "CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,"
                                + "CN=Configuration,DC=contoso,DC=com"))));
        r.register(snap, StubCmdlet.of("Get-ExchangeCertificate",
                List.of(Parameter.named("Thumbprint", PsType.STRING).position(0),
                        Parameter.named("Server", PsType.STRING)), (call, p) -> {
                    for (String[] c : new String[][] {{"AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000", "2021-01-01T00:00:00Z",
                            "2026-12-15T00:00:00Z", "SMTP"}, {"BBBB1111BBBB1111BBBB1111BBBB1111BBBB1111",
                            "2026-11-20T00:00:00Z", "2031-11-20T00:00:00Z", "IIS, SMTP"}}) {
                        call.write(new PsObject("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate")
                                .set("Thumbprint", c[0])
                                .set("Subject", "CN=Microsoft Exchange Server Auth Certificate")
                                .set("FriendlyName", "Microsoft Exchange Server Auth Certificate")
                                .set("NotBefore", PsDateTime.local(Instant.parse(c[1]), ZONE))
                                .set("NotAfter", PsDateTime.local(Instant.parse(c[2]), ZONE))
                                .set("HasPrivateKey", true).set("PrivateKeyExportable", true).set("IsSelfSigned", true)
                                .set("Services", SERVICES.parse(c[3]))
                                .set("Status", STATUS.parse("Valid"))
                                .set("PublicKeySize", 2048)
                                .set("CertificateDomains", List.of())
                                .withDefaultDisplay("Thumbprint", "Services", "Subject"));
                    }
                }));
        r.register(snap, StubCmdlet.of("Get-HybridConfiguration", List.of(), (call, p) -> { }));
        r.register(StubCmdlet.of("Get-CimInstance", List.of(Parameter.named("ClassName", PsType.STRING).position(0),
                Parameter.named("Filter", PsType.STRING)), (call, p) -> call.write(new PsObject(
                "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service")
                .set("Name", "MSExchangeServiceHost").set("State", "Running").set("ProcessId", 4242))));
        r.register(StubCmdlet.of("Get-Process", List.of(Parameter.named("Id", PsType.INT32)), (call, p) -> {
            if (!Integer.valueOf(4242).equals(p.get("Id")) && !Integer.valueOf(5151).equals(p.get("Id"))) {
                call.writeError(ErrorRecord.about(String.valueOf(p.get("Id")), "Cannot find a process with the process "
                        + "identifier " + p.get("Id") + ".", ErrorCategory.ObjectNotFound, "NoProcessFoundForGivenId",
                        "ProcessCommandException"));
                return;
            }
            call.write(new PsObject("System.Diagnostics.Process").set("Id", p.get("Id"))
                    .set("StartTime", PsDateTime.local(Instant.parse("2026-11-26T01:00:00Z"), ZONE)));
        }));
        r.register(StubCmdlet.of("Get-WebAppPoolState", List.of(Parameter.named("Name", PsType.STRING).position(0)),
                (call, p) -> call.write(new PsObject("System.Management.Automation.PSCustomObject").set("Value", "Started"))));
        r.register(StubCmdlet.of("Get-ChildItem", List.of(Parameter.named("Path", PsType.STRING).position(0)),
                (call, p) -> {
                    if (p.string("Path").contains("OWA")) {
                        call.write(new PsObject("System.Management.Automation.PSCustomObject").set("processId", 5151));
                    }
                }));
        r.register(StubCmdlet.of("Get-WebBinding", List.of(Parameter.named("Name", PsType.STRING),
                Parameter.named("Protocol", PsType.STRING), Parameter.named("Port", PsType.INT32)), (call, p) ->
                call.write(new PsObject("Microsoft.IIs.PowerShell.Framework.ConfigurationElement")
                        .set("protocol", "https").set("bindingInformation", "*:444:")
                        .set("certificateHash", "AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000"))));
        return r;
    }
}
