package io.authcert.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's facts as JSON, both ways: the shape {@code gather.ps1} prints and the {@code hosts.NAME}
 * entry of the facts document (docs/facts.md) are the same, so one mapping serves the parser, the
 * reader and the writer. Reading is lenient (see {@link LenientJson}); writing is canonical.
 */
final class HostFactsJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private HostFactsJson() {
    }

    /**
     * Reads one host.
     *
     * @param orgOverride the {@code exchange_org} variable, or null to derive it from the AuthConfig DN
     */
    static HostFacts read(String host, Instant gatheredAt, JsonNode root, String orgOverride) {
        AuthConfigFacts auth = authConfig(LenientJson.field(root, "auth_config"));
        ServerInfo server = server(LenientJson.field(root, "server"), auth, orgOverride);
        List<CertificateFacts> certificates = new ArrayList<>();
        for (JsonNode c : LenientJson.elements(root, "certificates")) {
            certificates.add(certificate(c));
        }
        List<AppPoolFacts> pools = new ArrayList<>();
        for (JsonNode p : LenientJson.elements(root, "app_pools")) {
            pools.add(new AppPoolFacts(LenientJson.text(p, "name"), LenientJson.text(p, "state"),
                    LenientJson.instant(p, "start_time")));
        }
        JsonNode svc = LenientJson.field(root, "service_host");
        ServiceFacts serviceHost = svc == null ? null : new ServiceFacts(
                LenientJson.text(svc, "name"), LenientJson.text(svc, "status"), LenientJson.instant(svc, "start_time"));
        JsonNode b = LenientJson.field(root, "backend_binding");
        BindingFacts binding = b == null ? null : new BindingFacts(
                LenientJson.text(b, "site"), LenientJson.integer(b, "port"), LenientJson.thumbprint(b, "thumbprint"));
        List<String> errors = new ArrayList<>();
        for (JsonNode e : LenientJson.elements(root, "errors")) {
            String line = LenientJson.asText(e);
            if (line != null) {
                errors.add(line);
            }
        }
        return new HostFacts(host, gatheredAt, server, auth, certificates, serviceHost, pools, binding,
                LenientJson.bool(root, "hybrid"), errors, authAdmin(LenientJson.field(root, "auth_admin")),
                organizationServers(root), owaSignInErrors(LenientJson.field(root, "owa_sign_in_errors")),
                LenientJson.thumbprint(root, "internal_transport_certificate"),
                SIMULATED.equals(LenientJson.text(root, "clock")));
    }

    /** {@code clock}: written only for a host on a simulated clock; absent (older documents too) means the engine's. */
    static final String SIMULATED = "simulated";

    /** {@code owa_sign_in_errors}: {@code since}, {@code count}, {@code newest}; null, missing or no count: not read. */
    private static OwaSignInErrors owaSignInErrors(JsonNode e) {
        JsonNode count = e == null || !e.isObject() ? null : LenientJson.field(e, "count");
        if (count == null || !count.isNumber()) {
            return OwaSignInErrors.UNKNOWN;
        }
        return new OwaSignInErrors(LenientJson.instant(e, "since"), LenientJson.integer(e, "count"),
                LenientJson.instant(e, "newest"));
    }

    /** {@code auth_admin}: {@code last_run} and {@code published} (null or missing: could not be read). */
    private static AuthAdminFacts authAdmin(JsonNode a) {
        if (a == null || !a.isObject()) {
            return AuthAdminFacts.UNKNOWN;
        }
        List<AuthAdminFacts.Publish> published = null;
        JsonNode events = LenientJson.field(a, "published");
        if (events != null && !events.isNull()) {
            published = new ArrayList<>();
            for (JsonNode e : LenientJson.elements(a, "published")) {
                String thumbprint = LenientJson.thumbprint(e, "thumbprint");
                Instant at = LenientJson.instant(e, "at");
                if (thumbprint != null && at != null) {
                    published.add(new AuthAdminFacts.Publish(thumbprint, at));
                }
            }
        }
        return new AuthAdminFacts(LenientJson.instant(a, "last_run"), published);
    }

    /**
     * {@code organization_servers}: an array (possibly empty) is a list that was read; null or absent is
     * unknown, with {@code organization_servers_error} as the reason when the script gave one.
     */
    static OrganizationServers organizationServers(JsonNode root) {
        JsonNode list = root == null ? null : root.get("organization_servers");
        if (list == null || list.isNull()) {
            return OrganizationServers.unknown(LenientJson.text(root, "organization_servers_error"));
        }
        List<OrganizationServer> servers = new ArrayList<>();
        for (JsonNode s : LenientJson.elements(root, "organization_servers")) {
            servers.add(new OrganizationServer(
                    LenientJson.text(s, "name", "Name"),
                    LenientJson.text(s, "fqdn", "Fqdn"),
                    LenientJson.text(s, "site", "Site"),
                    LenientJson.strings(s, "roles", "ServerRole"),
                    LenientJson.text(s, "version", "AdminDisplayVersion"),
                    flag(s, "is_mailbox", "IsMailboxServer"),
                    flag(s, "is_client_access", "IsClientAccessServer"),
                    flag(s, "is_edge", "IsEdgeServer")));
        }
        return OrganizationServers.known(servers);
    }

    /** A flag that may be missing: null then, never a silent false. */
    private static Boolean flag(JsonNode node, String... names) {
        return LenientJson.field(node, names) == null ? null : LenientJson.bool(node, names);
    }

    static AuthConfigFacts authConfig(JsonNode a) {
        if (a == null || !a.isObject()) {
            return null;
        }
        return new AuthConfigFacts(
                LenientJson.thumbprint(a, "current_thumbprint", "CurrentCertificateThumbprint"),
                LenientJson.thumbprint(a, "previous_thumbprint", "PreviousCertificateThumbprint"),
                LenientJson.thumbprint(a, "next_thumbprint", "NextCertificateThumbprint"),
                LenientJson.instant(a, "next_effective_date", "NextCertificateEffectiveDate"),
                LenientJson.text(a, "service_name", "ServiceName"),
                LenientJson.text(a, "realm", "Realm"),
                LenientJson.text(a, "distinguished_name", "DistinguishedName"));
    }

    private static ServerInfo server(JsonNode s, AuthConfigFacts auth, String orgOverride) {
        if (s == null || !s.isObject()) {
            return null;
        }
        String org = LenientJson.text(s, "organization");
        if (orgOverride != null || org == null) {
            org = Organizations.resolve(orgOverride, auth == null ? null : auth.distinguishedName());
        }
        return new ServerInfo(
                LenientJson.text(s, "name", "Name"),
                LenientJson.text(s, "fqdn", "Fqdn"),
                LenientJson.text(s, "version", "AdminDisplayVersion"),
                LenientJson.strings(s, "roles", "ServerRole"),
                LenientJson.text(s, "ad_site", "Site"),
                LenientJson.bool(s, "is_edge", "IsEdgeServer"),
                org,
                LenientJson.instant(s, "clock_utc"));
    }

    /** A certificate from our snake_case form or from {@code Get-ExchangeCertificate | ConvertTo-Json}. */
    static CertificateFacts certificate(JsonNode c) {
        JsonNode services = LenientJson.field(c, "services", "Services");
        JsonNode status = LenientJson.field(c, "status", "Status");
        return new CertificateFacts(
                LenientJson.thumbprint(c, "thumbprint", "Thumbprint"),
                LenientJson.text(c, "subject", "Subject"),
                LenientJson.text(c, "friendly_name", "FriendlyName"),
                LenientJson.instant(c, "not_before", "NotBefore"),
                LenientJson.instant(c, "not_after", "NotAfter"),
                LenientJson.optionalBool(c, "has_private_key", "HasPrivateKey"),
                LenientJson.optionalBool(c, "private_key_exportable", "PrivateKeyExportable"),
                LenientJson.bool(c, "is_self_signed", "IsSelfSigned"),
                services == null || services.isNull() ? null
                        : services.isNumber() ? ExchangeEnums.services(services.intValue())
                        : LenientJson.strings(c, "services", "Services").stream()
                                .filter(x -> !x.equalsIgnoreCase("None")).toList(),
                status != null && status.isNumber()
                        ? ExchangeEnums.status(status.intValue())
                        : LenientJson.text(c, "status", "Status"),
                LenientJson.integer(c, "public_key_size", "PublicKeySize"),
                LenientJson.strings(c, "domains", "CertificateDomains"));
    }

    /** The canonical form written into facts documents (docs/facts.md). */
    static ObjectNode write(HostFacts h) {
        ObjectNode o = F.objectNode();
        o.put("gathered_at", iso(h.gatheredAt()));
        if (h.simulatedClock()) {
            o.put("clock", SIMULATED);
        }
        if (h.server() == null) {
            o.putNull("server");
        } else {
            ServerInfo s = h.server();
            ObjectNode n = o.putObject("server");
            n.put("name", s.name());
            n.put("fqdn", s.fqdn());
            n.put("version", s.version());
            strings(n.putArray("roles"), s.roles());
            n.put("ad_site", s.adSite());
            n.put("is_edge", s.edge());
            n.put("organization", s.organization());
            n.put("clock_utc", iso(s.clockUtc()));
        }
        if (h.authConfig() == null) {
            o.putNull("auth_config");
        } else {
            AuthConfigFacts a = h.authConfig();
            ObjectNode n = o.putObject("auth_config");
            n.put("current_thumbprint", a.currentThumbprint());
            n.put("next_thumbprint", a.nextThumbprint());
            n.put("next_effective_date", iso(a.nextEffectiveDate()));
            n.put("previous_thumbprint", a.previousThumbprint());
            n.put("service_name", a.serviceName());
            n.put("realm", a.realm());
            n.put("distinguished_name", a.distinguishedName());
        }
        ArrayNode certs = o.putArray("certificates");
        for (CertificateFacts c : h.certificates()) {
            ObjectNode n = certs.addObject();
            n.put("thumbprint", c.thumbprint());
            n.put("subject", c.subject());
            n.put("friendly_name", c.friendlyName());
            n.put("not_before", iso(c.notBefore()));
            n.put("not_after", iso(c.notAfter()));
            n.put("has_private_key", c.hasPrivateKey());
            n.put("private_key_exportable", c.privateKeyExportable());
            n.put("is_self_signed", c.selfSigned());
            if (c.services() == null) {
                n.putNull("services");
            } else {
                strings(n.putArray("services"), c.services());
            }
            n.put("status", c.status());
            n.put("public_key_size", c.keySize());
            strings(n.putArray("domains"), c.domains());
        }
        if (h.serviceHost() == null) {
            o.putNull("service_host");
        } else {
            ObjectNode n = o.putObject("service_host");
            n.put("name", h.serviceHost().name());
            n.put("status", h.serviceHost().status());
            n.put("start_time", iso(h.serviceHost().startTime()));
        }
        ArrayNode pools = o.putArray("app_pools");
        for (AppPoolFacts p : h.appPools()) {
            ObjectNode n = pools.addObject();
            n.put("name", p.name());
            n.put("state", p.state());
            n.put("start_time", iso(p.startTime()));
        }
        if (h.backendBinding() == null) {
            o.putNull("backend_binding");
        } else {
            ObjectNode n = o.putObject("backend_binding");
            n.put("site", h.backendBinding().site());
            n.put("port", h.backendBinding().port());
            n.put("thumbprint", h.backendBinding().thumbprint());
        }
        o.put("hybrid", h.hybrid());
        strings(o.putArray("errors"), h.errors());
        if (!h.authAdmin().equals(AuthAdminFacts.UNKNOWN)) {
            ObjectNode n = o.putObject("auth_admin");
            n.put("last_run", iso(h.authAdmin().lastRun()));
            if (h.authAdmin().published() == null) {
                n.putNull("published");
            } else {
                ArrayNode events = n.putArray("published");
                for (AuthAdminFacts.Publish p : h.authAdmin().published()) {
                    events.addObject().put("thumbprint", p.thumbprint()).put("at", iso(p.at()));
                }
            }
        }
        writeOrganizationServers(o, h.organizationServers());
        if (h.owaSignInErrors().known()) {
            o.putObject("owa_sign_in_errors")
                    .put("since", iso(h.owaSignInErrors().since()))
                    .put("count", h.owaSignInErrors().count())
                    .put("newest", iso(h.owaSignInErrors().newest()));
        } else {
            o.putNull("owa_sign_in_errors");
        }
        o.put("internal_transport_certificate", h.internalTransportCertificate());
        return o;
    }

    private static void writeOrganizationServers(ObjectNode o, OrganizationServers list) {
        if (!list.known()) {
            o.putNull("organization_servers");
            o.put("organization_servers_error", list.unknownReason());
            return;
        }
        ArrayNode servers = o.putArray("organization_servers");
        for (OrganizationServer s : list.servers()) {
            ObjectNode n = servers.addObject();
            n.put("name", s.name());
            n.put("fqdn", s.fqdn());
            n.put("site", s.site());
            strings(n.putArray("roles"), s.roles());
            n.put("version", s.version());
            n.put("is_mailbox", s.mailbox());
            n.put("is_client_access", s.clientAccess());
            n.put("is_edge", s.edge());
        }
        o.putNull("organization_servers_error");
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
