package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.AllowedServices;
import io.authcert.lab.exchange.AuthConfig;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.HybridConfiguration;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsEnum;
import io.authcert.lab.pwsh.PsObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * Turns the lab's model into the objects the Exchange cmdlets return: the same .NET type names,
 * property names, property types (DateTime, flags enums, ADObjectId-like values whose ToString() is
 * the canonical name) and default display as on a real server.
 */
public final class ExchangeObjects {

    public static final PsEnum.Type ALLOWED_SERVICES = new PsEnum.Type("Microsoft.Exchange.Data.AllowedServices", true,
            ordered("None", 0, "IMAP", AllowedServices.IMAP, "POP", AllowedServices.POP, "UM", AllowedServices.UM,
                    "IIS", AllowedServices.IIS, "SMTP", AllowedServices.SMTP, "Federation", AllowedServices.FEDERATION,
                    "UMCallRouter", AllowedServices.UM_CALL_ROUTER));
    public static final PsEnum.Type CERTIFICATE_STATUS = PsEnum.Type.of("Microsoft.Exchange.Data.CertificateStatus",
            "Unknown", "Valid", "Revoked", "DateInvalid", "Untrusted", "Invalid", "RevocationCheckFailure", "PendingRequest");
    public static final PsEnum.Type SERVER_ROLE = new PsEnum.Type("Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole",
            true, ordered("None", 0, "Cafe", 1, "Mailbox", 2, "ClientAccess", 4, "UnifiedMessaging", 16, "HubTransport", 32,
                    "Edge", 64, "Monitoring", 128, "CentralAdmin", 256, "FrontendTransport", 16384));

    private ExchangeObjects() {
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    /** A DateTime as Exchange returns it: local to the server's time zone. */
    static PsDateTime local(Instant instant, ExchangeServer server) {
        return instant == null ? null : PsDateTime.local(instant, server.zone());
    }

    /** An ADObjectId: ToString() is the canonical name, with Name, DistinguishedName and ObjectGuid properties. */
    static PsObject adObjectId(String canonicalName, String name, String distinguishedName) {
        return new PsObject("Microsoft.Exchange.Data.Directory.ADObjectId")
                .set("IsDeleted", false)
                .set("Rdn", "CN=" + name)
                .set("Parent", canonicalName.contains("/") ? canonicalName.substring(0, canonicalName.lastIndexOf('/')) : "")
                .set("DistinguishedName", distinguishedName)
                .set("ObjectGuid", guid(distinguishedName))
                .set("Name", name)
                .withToString(canonicalName);
    }

    static String guid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static PsObject authConfig(AuthConfig c, ExchangeServer reader, Organisation org) {
        String canonical = org.domain() + "/Configuration/Services/Microsoft Exchange/" + org.name() + "/Auth Configuration";
        return new PsObject("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig")
                .set("CurrentCertificateThumbprint", c.currentThumbprint())
                .set("PreviousCertificateThumbprint", c.previousThumbprint())
                .set("NextCertificateThumbprint", c.nextThumbprint())
                .set("NextCertificateEffectiveDate", local(c.nextEffectiveDate(), reader))
                .set("ServiceName", c.serviceName())
                .set("Realm", c.realm())
                .set("Name", "Auth Configuration")
                .set("AdminDisplayName", "")
                .set("ExchangeVersion", "0.1 (8.0.535.0)")
                .set("DistinguishedName", c.distinguishedName())
                .set("Identity", adObjectId(canonical, "Auth Configuration", c.distinguishedName()))
                .set("Guid", guid(c.distinguishedName()))
                .set("ObjectCategory", org.domain() + "/Configuration/Schema/ms-Exch-Auth-Auth-Config")
                .set("ObjectClass", List.of("top", "container", "msExchContainer", "msExchAuthAuthConfig"))
                .set("OrganizationId", "")
                .set("OriginatingServer", "dc01." + org.domain())
                .set("IsValid", true)
                .set("ObjectState", "Unchanged")
                .withDefaultDisplay("CurrentCertificateThumbprint", "PreviousCertificateThumbprint",
                        "NextCertificateThumbprint", "NextCertificateEffectiveDate", "ServiceName", "Realm");
    }

    public static PsObject certificate(ExchangeCertificate c, ExchangeServer server, Instant now) {
        List<Object> domains = new ArrayList<>();
        for (String d : c.domains()) {
            domains.add(new PsObject("Microsoft.Exchange.Data.SmtpDomainWithSubdomains")
                    .set("IncludeSubDomains", d.startsWith("*."))
                    .set("Address", d)
                    .set("Domain", d.startsWith("*.") ? d.substring(2) : d)
                    .withToString(d));
        }
        boolean valid = c.isValidAt(now);
        return new PsObject("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate")
                .set("AccessRules", List.of())
                .set("CertificateDomains", domains)
                .set("HasPrivateKey", c.hasPrivateKey())
                .set("IsSelfSigned", c.isSelfSigned())
                .set("Issuer", c.issuer())
                .set("NotAfter", local(c.notAfter(), server))
                .set("NotBefore", local(c.notBefore(), server))
                .set("PublicKeySize", c.publicKeySize())
                .set("RootCAType", c.isSelfSigned() ? "None" : "Unknown")
                .set("SerialNumber", c.x509().getSerialNumber().toString(16).toUpperCase(Locale.ROOT))
                .set("Services", ALLOWED_SERVICES.value(c.services()))
                .set("Status", CERTIFICATE_STATUS.parse(c.status(now)))
                .set("Subject", c.subject())
                .set("Thumbprint", c.thumbprint())
                .set("FriendlyName", c.friendlyName())
                .set("PrivateKeyExportable", c.privateKeyExportable())
                .set("IsValid", valid)
                .set("Identity", server.fqdn() + "\\" + c.thumbprint())
                .set("Version", 3)
                .withDefaultDisplay("Thumbprint", "Services", "Subject");
    }

    /**
     * An ExchangeCertificate as serialization data signing (or a broken deserialization) leaves it: its
     * type names, its ToString and RawData only (CSS-Exchange's MonitorExchangeAuthCertificate handles such
     * objects in Get-ExchangeServerCertificate.ps1).
     */
    public static PsObject rawDataOnly(ExchangeCertificate c) {
        byte[] raw;
        try {
            raw = c.x509().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new PsObject("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate")
                .set("RawData", raw)
                .withToString("[Subject]\r\n  " + c.subject() + "\r\n\r\n[Thumbprint]\r\n  " + c.thumbprint() + "\r\n");
    }

    public static PsObject server(ExchangeServer s, Organisation org) {
        String siteDn = "CN=" + s.site().name() + ",CN=Sites,CN=Configuration," + dcs(org.domain());
        String serverDn = "CN=" + upper(s.name()) + ",CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                + "CN=Administrative Groups,CN=" + org.name() + ",CN=Microsoft Exchange,CN=Services,CN=Configuration,"
                + dcs(org.domain());
        String[] build = buildNumbers(s.version());
        PsObject version = new PsObject("Microsoft.Exchange.Data.ServerVersion")
                .set("Major", Integer.parseInt(build[0]))
                .set("Minor", Integer.parseInt(build[1]))
                .set("Build", Integer.parseInt(build[2]))
                .set("Revision", Integer.parseInt(build[3]))
                .withToString(s.version());
        long roles = 0;
        for (String r : s.roles()) {
            roles |= SERVER_ROLE.parse(r).value();
        }
        int major = Integer.parseInt(build[0]);
        RoleFlags roleFlags = RoleFlags.of(s.roles(), major, Integer.parseInt(build[1]), s.isEdge());
        return new PsObject("Microsoft.Exchange.Data.Directory.Management.ExchangeServer")
                .set("Name", upper(s.name()))
                .set("Fqdn", s.fqdn())
                .set("Domain", org.domain())
                .set("Edition", "Enterprise")
                .set("ServerRole", SERVER_ROLE.value(roles))
                .set("Site", adObjectId(org.domain() + "/Configuration/Sites/" + s.site().name(),
                        s.site().name(), siteDn))
                .set("AdminDisplayVersion", version)
                .set("IsEdgeServer", s.isEdge())
                .set("IsMailboxServer", roleFlags.mailbox())
                .set("IsClientAccessServer", roleFlags.clientAccess())
                .set("IsHubTransportServer", roleFlags.hubTransport())
                .set("IsFrontendTransportServer", roleFlags.frontendTransport())
                .set("IsUnifiedMessagingServer", roleFlags.unifiedMessaging())
                .set("IsE14OrLater", major >= 14)
                .set("IsE15OrLater", major >= 15)
                .set("IsExchangeTrialEdition", false)
                .set("DistinguishedName", serverDn)
                .set("Identity", upper(s.name()))
                .set("Guid", guid(serverDn))
                .withDefaultDisplay("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion");
    }

    /**
     * The Is*Server flags of Get-ExchangeServer. Since Exchange 2016 (15.1) the Mailbox role holds the
     * Client Access services, so a Mailbox server is also a Client Access, Hub and Front End Transport
     * server (CSS-Exchange's Get-ExchangeServer.xml fixtures of Exchange 2016: ServerRole "Mailbox" with
     * IsClientAccessServer, IsHubTransportServer, IsFrontendTransportServer true); Unified Messaging
     * only on 2016 (removed in 2019). Exchange 2013 (15.0) and 2010 (14) name Client Access as a role
     * of its own. An Edge Transport server is none of them.
     */
    record RoleFlags(boolean mailbox, boolean clientAccess, boolean hubTransport, boolean frontendTransport,
            boolean unifiedMessaging) {

        static RoleFlags of(List<String> roles, int major, int minor, boolean edge) {
            if (edge) {
                return new RoleFlags(false, false, false, false, false);
            }
            boolean mailbox = roles.stream().anyMatch(r -> r.equalsIgnoreCase("Mailbox"));
            boolean cas = roles.stream().anyMatch(r -> r.equalsIgnoreCase("ClientAccess"));
            boolean merged = major > 15 || (major == 15 && minor >= 1);
            boolean hub = roles.stream().anyMatch(r -> r.equalsIgnoreCase("HubTransport"));
            return new RoleFlags(mailbox, cas || (merged && mailbox), hub || (major >= 15 && mailbox),
                    (major >= 15 && cas) || (merged && mailbox), major == 15 && minor == 1 && mailbox);
        }
    }

    public static PsObject hybrid(HybridConfiguration h, Organisation org) {
        String dn = "CN=" + h.name() + ",CN=Hybrid Configuration,CN=" + org.name()
                + ",CN=Microsoft Exchange,CN=Services,CN=Configuration," + dcs(org.domain());
        return new PsObject("Microsoft.Exchange.Management.Hybrid.HybridConfiguration")
                .set("ClientAccessServers", List.of())
                .set("EdgeTransportServers", List.of())
                .set("ReceivingTransportServers", List.of())
                .set("SendingTransportServers", List.of())
                .set("OnPremisesSmartHost", h.onPremisesSmartHost())
                .set("Domains", new ArrayList<Object>(h.domains()))
                .set("Features", new ArrayList<Object>(h.features()))
                .set("ExternalIPAddresses", List.of())
                .set("TlsCertificateName", "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=" + h.onPremisesSmartHost())
                .set("ServiceInstance", 0)
                .set("Name", h.name())
                .set("DistinguishedName", dn)
                .set("Identity", h.name())
                .set("Guid", guid(dn))
                .withDefaultDisplay("Name", "Domains", "Features");
    }

    private static String dcs(String domain) {
        StringBuilder sb = new StringBuilder();
        for (String part : domain.split("\\.")) {
            sb.append(sb.length() == 0 ? "" : ",").append("DC=").append(part);
        }
        return sb.toString();
    }

    /** "Version 15.2 (Build 1544.4)" → 15, 2, 1544, 4. */
    private static String[] buildNumbers(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Version (\\d+)\\.(\\d+) \\(Build (\\d+)\\.(\\d+)\\)")
                .matcher(version);
        if (m.find()) {
            return new String[] {m.group(1), m.group(2), m.group(3), m.group(4)};
        }
        return new String[] {"15", "2", "0", "0"};
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
