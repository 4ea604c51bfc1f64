package io.authcert.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.authcert.powershell.Clixml;
import io.authcert.powershell.Clixml.PsObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Facts from files instead of a connection ({@code engine facts --from DIR}), for administrators who
 * cannot reach the servers from where the engine runs. DIR is either a saved facts document
 * ({@code facts.json}, see {@link FactsDocument}) or one folder per host holding what can be exported
 * on the server itself:
 * <ul>
 *   <li>{@code authconfig.xml} ({@code Get-AuthConfig | Export-Clixml}) or {@code authconfig.json}
 *       ({@code ConvertTo-Json});</li>
 *   <li>{@code certificates.xml} / {@code certificates.json} ({@code Get-ExchangeCertificate});</li>
 *   <li>optionally {@code exchangeserver.xml} / {@code .json} ({@code Get-ExchangeServer $env:COMPUTERNAME});</li>
 *   <li>optionally {@code exchangeservers.xml} / {@code .json} ({@code Get-ExchangeServer}: every server of the
 *       organisation, {@code organization_servers});</li>
 *   <li>optionally {@code transportservice.xml} / {@code .json} ({@code Get-TransportService $env:COMPUTERNAME}:
 *       the internal transport certificate).</li>
 * </ul>
 * Certificates exported with only {@code RawData} (Exchange's serialization data signing) are read
 * from the certificate itself. A folder that cannot be read becomes a failed host, not an abort.
 */
public final class CapturedFactsReader {

    /**
     * The status given to certificates read from RawData alone: Exchange's own {@code CertificateStatus.Unknown}.
     * Their {@code has_private_key}, {@code private_key_exportable} and {@code services} are null: unknown.
     */
    public static final String STATUS_UNKNOWN = "Unknown";

    private static final Pattern TOSTRING_FIELD = Pattern.compile("\\[(Subject|Thumbprint)]\\s*\\r?\\n\\s*(.+)");

    /** Reads DIR (or a facts document file). */
    public Facts read(Path path) throws FactsParseException {
        if (Files.isRegularFile(path)) {
            return FactsDocument.read(path);
        }
        if (!Files.isDirectory(path)) {
            throw new FactsParseException(path + ": no such directory");
        }
        Path saved = path.resolve(FactsDocument.FILE_NAME);
        if (Files.isRegularFile(saved)) {
            return FactsDocument.read(saved);
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(path)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new FactsParseException("cannot list " + path + ": " + e.getMessage(), e);
        }
        if (folders.isEmpty()) {
            throw new FactsParseException("holds neither " + FactsDocument.FILE_NAME
                    + " nor one folder per host (with authconfig.xml and certificates.xml)");
        }
        Map<String, HostFacts> hosts = new LinkedHashMap<>();
        for (Path folder : folders) {
            String host = folder.getFileName().toString();
            hosts.put(host, readHost(host, folder));
        }
        return new Facts(hosts);
    }

    /** One host's folder; never throws: what cannot be read is a failed host with one line. */
    HostFacts readHost(String host, Path folder) {
        Optional<Path> authFile = find(folder, "authconfig");
        Optional<Path> certFile = find(folder, "certificates");
        Optional<Path> serverFile = find(folder, "exchangeserver");
        Optional<Path> listFile = find(folder, "exchangeservers");
        Optional<Path> transportFile = find(folder, "transportservice");
        Instant modified = Stream.of(authFile, certFile, serverFile).flatMap(Optional::stream)
                .map(CapturedFactsReader::modified).max(Instant::compareTo).orElse(null);
        if (authFile.isEmpty() && certFile.isEmpty()) {
            return HostFacts.failed(host, modified,
                    "no authconfig.xml/.json or certificates.xml/.json in " + folder);
        }
        List<String> notes = new ArrayList<>();
        try {
            Captured auth = authFile.isPresent() ? readAuthConfig(authFile.get()) : new Captured(null, null);
            List<CertificateFacts> certs = certFile.isPresent() ? readCertificates(certFile.get(), notes) : List.of();
            ServerInfo server = serverFile.isPresent() ? readServer(serverFile.get()) : null;
            String dn = auth.config() == null ? null : auth.config().distinguishedName();
            String org = Organizations.fromAuthConfigDn(dn);
            if (server == null) {
                server = new ServerInfo(host, auth.computerName(), null, List.of(), null, false, org, null);
            } else {
                server = new ServerInfo(server.name(), server.fqdn(), server.version(), server.roles(), server.adSite(),
                        server.edge(), org, null);
            }
            if (authFile.isEmpty()) {
                notes.add("no authconfig.xml/.json: current, next and previous certificates unknown");
            }
            if (certFile.isEmpty()) {
                notes.add("no certificates.xml/.json: this server's certificate store unknown");
            }
            OrganizationServers listed = listFile.isPresent() ? OrganizationServers.known(readServerList(listFile.get()))
                    : OrganizationServers.unknown(OrganizationServers.NOT_GATHERED);
            String transport = transportFile.isPresent() ? readTransportCertificate(transportFile.get()) : null;
            HostFacts facts = new HostFacts(host, modified, server, auth.config(), certs, null, List.of(), null, false, notes,
                    AuthAdminFacts.UNKNOWN, listed, OwaSignInErrors.UNKNOWN, transport);
            List<String> problems = HostFactsCheck.problems(facts);
            if (!problems.isEmpty()) {
                return HostFacts.failed(host, modified, folder + ": " + problems.get(0)
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            }
            return facts;
        } catch (FactsParseException e) {
            return HostFacts.failed(host, modified, e.getMessage());
        } catch (IllegalArgumentException e) {
            // The lenient JSON reader's "not a date: ..." and the like: a damaged export, said as ours.
            return HostFacts.failed(host, modified, folder + ": unreadable value: " + e.getMessage());
        }
    }

    private record Captured(AuthConfigFacts config, String computerName) {
    }

    private Captured readAuthConfig(Path file) throws FactsParseException {
        if (isXml(file)) {
            PsObject o = firstObject(file);
            AuthConfigFacts a = new AuthConfigFacts(
                    Thumbprints.normalise(text(o.get("CurrentCertificateThumbprint"))),
                    Thumbprints.normalise(text(o.get("PreviousCertificateThumbprint"))),
                    Thumbprints.normalise(text(o.get("NextCertificateThumbprint"))),
                    o.get("NextCertificateEffectiveDate") instanceof Instant i ? i : null,
                    text(o.get("ServiceName")),
                    text(o.get("Realm")),
                    text(o.get("DistinguishedName")));
            return new Captured(a, text(o.get("PSComputerName")));
        }
        JsonNode root = firstJson(file);
        return new Captured(HostFactsJson.authConfig(root), LenientJson.text(root, "PSComputerName"));
    }

    private List<CertificateFacts> readCertificates(Path file, List<String> notes) throws FactsParseException {
        List<CertificateFacts> out = new ArrayList<>();
        int rawOnly = 0;
        if (isXml(file)) {
            for (Object item : objects(file)) {
                if (!(item instanceof PsObject o)) {
                    continue;
                }
                if (!o.has("Thumbprint") && o.get("RawData") instanceof byte[]) {
                    rawOnly++;
                }
                out.add(certificate(file, o));
            }
        } else {
            for (JsonNode c : LenientJson.elements(json(file), "value")) {
                byte[] raw = rawData(file, LenientJson.field(c, "RawData"));
                if (LenientJson.field(c, "Thumbprint") == null && raw != null) {
                    rawOnly++;
                    out.add(fromDer(file, raw, null, null));
                } else {
                    out.add(complete(HostFactsJson.certificate(c), raw == null ? null : der(file, raw)));
                }
            }
        }
        if (rawOnly > 0) {
            notes.add(file.getFileName() + ": " + rawOnly + " certificate(s) carry only RawData (Exchange serialization "
                    + "data signing): has_private_key and services are unknown (status Unknown); "
                    + "export with Get-ExchangeCertificate | Select-Object Thumbprint,Subject,FriendlyName,NotBefore,"
                    + "NotAfter,HasPrivateKey,PrivateKeyExportable,IsSelfSigned,Services,Status,PublicKeySize | Export-Clixml");
        }
        out.removeIf(c -> c.thumbprint() == null);
        return out;
    }

    private CertificateFacts certificate(Path file, PsObject o) throws FactsParseException {
        byte[] raw = o.get("RawData") instanceof byte[] b ? b : null;
        if (!o.has("Thumbprint") && raw != null) {
            return fromDer(file, raw, o.toStringValue(), text(o.get("FriendlyName")));
        }
        CertificateFacts props = new CertificateFacts(
                Thumbprints.normalise(Optional.ofNullable(text(o.get("Thumbprint"))).orElse(fromToString(o, "Thumbprint"))),
                Optional.ofNullable(text(o.get("Subject"))).orElse(fromToString(o, "Subject")),
                text(o.get("FriendlyName")),
                o.get("NotBefore") instanceof Instant i ? i : null,
                o.get("NotAfter") instanceof Instant i ? i : null,
                o.get("HasPrivateKey") instanceof Boolean b ? b : null,
                o.get("PrivateKeyExportable") instanceof Boolean b ? b : null,
                Boolean.TRUE.equals(o.get("IsSelfSigned")),
                services(o.get("Services")),
                status(o.get("Status")),
                o.get("PublicKeySize") instanceof Integer n ? n : 0,
                list(o.get("CertificateDomains")));
        return complete(props, raw == null ? null : der(file, raw));
    }

    private static CertificateFacts fromDer(Path file, byte[] raw, String toString, String friendlyName) throws FactsParseException {
        CertificateDer d = der(file, raw);
        return new CertificateFacts(d.thumbprint(), d.subject(), friendlyName, d.notBefore(), d.notAfter(),
                null, null, d.selfSigned(), null, STATUS_UNKNOWN, d.keySize(), d.dnsNames());
    }

    /** Fills what the exported properties lack from the certificate itself. */
    private static CertificateFacts complete(CertificateFacts c, CertificateDer d) {
        if (d == null) {
            return c;
        }
        return new CertificateFacts(
                c.thumbprint() != null ? c.thumbprint() : d.thumbprint(),
                c.subject() != null ? c.subject() : d.subject(),
                c.friendlyName(),
                c.notBefore() != null ? c.notBefore() : d.notBefore(),
                c.notAfter() != null ? c.notAfter() : d.notAfter(),
                c.hasPrivateKey(), c.privateKeyExportable(), c.selfSigned() || d.selfSigned(),
                c.services(), c.status(),
                c.keySize() != 0 ? c.keySize() : d.keySize(),
                c.domains().isEmpty() ? d.dnsNames() : c.domains());
    }

    private static CertificateDer der(Path file, byte[] raw) throws FactsParseException {
        try {
            return CertificateDer.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new FactsParseException(file + ": " + e.getMessage(), e);
        }
    }

    /** RawData as ConvertTo-Json writes a byte[] (an array of numbers) or as a base64 string. */
    private static byte[] rawData(Path file, JsonNode n) throws FactsParseException {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            byte[] b = new byte[n.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) n.get(i).intValue();
            }
            return b;
        }
        String s = LenientJson.asText(n);
        try {
            return s == null ? null : Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new FactsParseException(file + ": RawData is not base64 ('" + LenientJson.excerpt(s) + "')", e);
        }
    }

    private ServerInfo readServer(Path file) throws FactsParseException {
        if (isXml(file)) {
            PsObject o = firstObject(file);
            return new ServerInfo(text(o.get("Name")), text(o.get("Fqdn")), text(o.get("AdminDisplayVersion")),
                    splitRoles(text(o.get("ServerRole"))), text(o.get("Site")), Boolean.TRUE.equals(o.get("IsEdgeServer")),
                    null, null);
        }
        JsonNode s = firstJson(file);
        return new ServerInfo(LenientJson.text(s, "Name"), LenientJson.text(s, "Fqdn"),
                LenientJson.text(s, "AdminDisplayVersion"), LenientJson.strings(s, "ServerRole"),
                LenientJson.text(s, "Site"), LenientJson.bool(s, "IsEdgeServer"), null, null);
    }

    /** {@code Get-ExchangeServer} without {@code -Identity}: every server of the organisation. */
    private List<OrganizationServer> readServerList(Path file) throws FactsParseException {
        List<OrganizationServer> out = new ArrayList<>();
        if (isXml(file)) {
            for (Object item : objects(file)) {
                if (item instanceof PsObject o) {
                    out.add(new OrganizationServer(text(o.get("Name")), text(o.get("Fqdn")), text(o.get("Site")),
                            splitRoles(text(o.get("ServerRole"))), text(o.get("AdminDisplayVersion")),
                            o.get("IsMailboxServer") instanceof Boolean b ? b : null,
                            o.get("IsClientAccessServer") instanceof Boolean b ? b : null,
                            o.get("IsEdgeServer") instanceof Boolean b ? b : null));
                }
            }
            return out;
        }
        for (JsonNode s : LenientJson.elements(json(file), "value")) {
            out.add(new OrganizationServer(LenientJson.text(s, "Name"), LenientJson.text(s, "Fqdn"), LenientJson.text(s, "Site"),
                    LenientJson.strings(s, "ServerRole"), LenientJson.text(s, "AdminDisplayVersion"),
                    LenientJson.optionalBool(s, "IsMailboxServer"), LenientJson.optionalBool(s, "IsClientAccessServer"),
                    LenientJson.optionalBool(s, "IsEdgeServer")));
        }
        return out;
    }

    /** {@code Get-TransportService}'s InternalTransportCertificateThumbprint (the default SMTP certificate). */
    private String readTransportCertificate(Path file) throws FactsParseException {
        if (isXml(file)) {
            return Thumbprints.normalise(text(firstObject(file).get("InternalTransportCertificateThumbprint")));
        }
        return LenientJson.thumbprint(firstJson(file), "InternalTransportCertificateThumbprint");
    }

    private static List<String> splitRoles(String roles) {
        List<String> out = new ArrayList<>();
        if (roles != null) {
            for (String r : roles.split(",")) {
                if (!r.isBlank()) {
                    out.add(r.trim());
                }
            }
        }
        return out;
    }

    private static List<String> services(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof PsObject o && o.value() instanceof Integer flags && o.toStringValue() == null) {
            return ExchangeEnums.services(flags);
        }
        return splitRoles(text(v)).stream().filter(s -> !s.equalsIgnoreCase("None")).toList();
    }

    private static String status(Object v) {
        if (v instanceof PsObject o && o.value() instanceof Integer n && o.toStringValue() == null) {
            return ExchangeEnums.status(n);
        }
        return text(v);
    }

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof PsObject o) {
            for (Object item : o.items()) {
                String s = text(item);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** A value's text: a string, or an object's ToString (enums, versions, AD ids), blank as null. */
    private static String text(Object v) {
        String s;
        if (v == null) {
            return null;
        } else if (v instanceof PsObject o) {
            s = o.toStringValue() != null ? o.toStringValue() : (o.value() == null ? null : o.value().toString());
        } else {
            s = v.toString();
        }
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String fromToString(PsObject o, String field) {
        if (o.toStringValue() == null) {
            return null;
        }
        Matcher m = TOSTRING_FIELD.matcher(o.toStringValue());
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return m.group(2).trim();
            }
        }
        return null;
    }

    private static PsObject firstObject(Path file) throws FactsParseException {
        for (Object o : objects(file)) {
            if (o instanceof PsObject p) {
                return p;
            }
        }
        throw new FactsParseException(file + ": no object in this CLIXML file");
    }

    private static List<Object> objects(Path file) throws FactsParseException {
        try (InputStream in = Files.newInputStream(file)) {
            return Clixml.read(in);
        } catch (IOException e) {
            throw new FactsParseException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode firstJson(Path file) throws FactsParseException {
        List<JsonNode> all = LenientJson.elements(json(file), "value");
        if (all.isEmpty()) {
            throw new FactsParseException(file + ": no object in this JSON file");
        }
        return all.get(0);
    }

    /** The document wrapped as {"value": doc}, so a lone object and an array read alike. */
    private static JsonNode json(Path file) throws FactsParseException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        } catch (IOException e) {
            throw new FactsParseException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int object = text.indexOf('{');
        int array = text.indexOf('[');
        int start = array >= 0 && (object < 0 || array < object) ? array : object;
        if (start < 0) {
            throw new FactsParseException(file + ": no JSON in this file");
        }
        try {
            JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text.substring(start));
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().set("value", doc);
        } catch (IOException e) {
            throw new FactsParseException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static Optional<Path> find(Path folder, String base) {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> matches = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.equals(base + ".xml") || n.equals(base + ".json");
            }).sorted().toList();
            // Prefer CLIXML: it keeps types that ConvertTo-Json flattens.
            return matches.stream().filter(CapturedFactsReader::isXml).findFirst().or(() -> matches.stream().findFirst());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isXml(Path p) {
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
