package io.authcert.lab.exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.authcert.lab.wsman.LabAccounts;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WinRmPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab scenario: a YAML description of an organisation (sites, servers, roles, certificates with
 * lifetimes relative to the lab's start, Auth configuration, hybrid, faults), loaded by name from the
 * shipped set or from a file, and built into an {@link Organisation} of any size.
 */
public final class Scenario {

    /** The scenarios shipped in src/main/resources/io/authcert/lab/scenarios. */
    public static final List<String> SHIPPED = List.of("healthy", "expiring", "expired", "missing-on-some", "staged",
            "multi-site", "hybrid", "with-edge", "outside-inventory");

    private static final Pattern DURATION = Pattern.compile("([+-]?)((?:\\d+(?:ms|[dhms]))+)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|[dhms])");
    private static final Set<String> TOP_KEYS = Set.of("description", "default_servers", "organisation", "sites",
            "servers", "certificates", "auth_config", "hybrid", "faults", "winrm", "accounts", "inventory");

    private final String name;
    private final JsonNode spec;

    private Scenario(String name, JsonNode spec) {
        this.name = name;
        this.spec = spec;
    }

    /** Loads a shipped scenario by name, or a YAML file by path. */
    public static Scenario load(String nameOrPath) {
        String resource = "/io/authcert/lab/scenarios/" + nameOrPath + ".yaml";
        if (nameOrPath.matches("[a-z0-9-]+")) {
            try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
                if (in != null) {
                    return parse(nameOrPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new ScenarioException("cannot read the shipped scenario " + nameOrPath + ": " + e.getMessage());
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException("no scenario named '" + nameOrPath + "' and no such file; shipped scenarios: "
                    + String.join(", ", SHIPPED));
        }
        try {
            String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return parse(base, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage());
        }
    }

    /** Parses scenario YAML text. */
    public static Scenario parse(String name, String yaml) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("scenario " + name + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException("scenario " + name + ": expected a mapping at the top");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new ScenarioException("scenario " + name + ": unknown key '" + key + "'; expected one of " + TOP_KEYS);
            }
        }
        return new Scenario(name, root);
    }

    public String name() {
        return name;
    }

    public String description() {
        return spec.path("description").asText("");
    }

    public int defaultServers() {
        return spec.path("default_servers").asInt(3);
    }

    /**
     * Each server's WinRM settings: {@code winrm: {basic, allow_unencrypted, auth, cbt_hardening_level,
     * servers: {ex02: {...}}}} over WinRM's defaults (Basic off, unencrypted refused, Negotiate and
     * Kerberos, CbtHardeningLevel Relaxed).
     */
    @SuppressWarnings("unchecked")
    public WinRmPolicy winrm() {
        JsonNode node = spec.path("winrm");
        if (!node.isObject()) {
            return WinRmPolicy.all(WinRmConfig.windowsDefaults());
        }
        ObjectMapper m = new ObjectMapper();
        Map<String, Object> yaml = m.convertValue(node, Map.class);
        WinRmConfig defaults = winrmConfig("winrm", yaml, WinRmConfig.windowsDefaults());
        Map<String, WinRmConfig> perServer = new LinkedHashMap<>();
        if (yaml.get("servers") instanceof Map<?, ?> servers) {
            servers.forEach((k, v) -> perServer.put(String.valueOf(k),
                    winrmConfig("winrm.servers." + k, (Map<String, Object>) v, defaults)));
        }
        return new WinRmPolicy(defaults, perServer);
    }

    private WinRmConfig winrmConfig(String where, Map<String, Object> yaml, WinRmConfig base) {
        try {
            return WinRmConfig.from(yaml, base);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("scenario " + name + ", " + where + ": " + e.getMessage());
        }
    }

    /**
     * The domain's users and the servers' local accounts: {@code accounts: {domain: CONTOSO, users: [{name,
     * password, groups}], local: {"*": [...], ex01: [...]}}}; the DNS domain is the organisation's.
     */
    public LabAccounts accounts() {
        JsonNode node = spec.path("accounts");
        String dns = spec.path("organisation").path("domain").asText("contoso.local");
        String netbios = node.path("domain").asText(dns.split("\\.")[0].toUpperCase(Locale.ROOT));
        List<LabAccounts.Account> users = new ArrayList<>();
        for (JsonNode u : node.path("users")) {
            users.add(account(netbios, u));
        }
        Map<String, List<LabAccounts.Account>> local = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> servers = node.path("local").fields();
        while (servers.hasNext()) {
            Map.Entry<String, JsonNode> e = servers.next();
            List<LabAccounts.Account> list = new ArrayList<>();
            for (JsonNode u : e.getValue()) {
                list.add(account(null, u));
            }
            local.put(e.getKey(), list);
        }
        return new LabAccounts(netbios, dns, users, local);
    }

    private LabAccounts.Account account(String domain, JsonNode u) {
        List<String> groups = new ArrayList<>();
        u.path("groups").forEach(g -> groups.add(g.asText()));
        if (!u.hasNonNull("name") || !u.hasNonNull("password")) {
            throw new ScenarioException("scenario " + name + ": an account needs a name and a password");
        }
        return new LabAccounts.Account(domain, u.get("name").asText(), u.get("password").asText(), groups);
    }

    /**
     * The servers the lab's written inventory leaves out ({@code inventory: {leave_out: [selectors]}}):
     * they are servers of the organisation (Get-ExchangeServer lists them) that the engine is not told
     * about, as when an inventory was written before a server was added.
     *
     * @param serverNames every server of the lab, in order
     */
    public java.util.Set<String> leftOutOfInventory(List<String> serverNames) {
        JsonNode node = spec.path("inventory");
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!key.equals("leave_out")) {
                throw new ScenarioException("scenario " + name + ": unknown key 'inventory." + key + "'; expected leave_out");
            }
        }
        List<String> selectors = list(node.path("leave_out"));
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < serverNames.size(); i++) {
            if (selected(selectors, i, serverNames.size(), serverNames.get(i))) {
                out.add(serverNames.get(i));
            }
        }
        if (!serverNames.isEmpty() && out.size() == serverNames.size()) {
            throw new ScenarioException("scenario " + name + ": inventory.leave_out leaves out every server; keep at least one");
        }
        return out;
    }

    /**
     * This scenario with every AD site replicating after {@code delay} (the default site when it names none):
     * for benchmarks that set the replication delay from the command line.
     */
    public Scenario withReplicationDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new ScenarioException("a replication delay cannot be negative, got " + delay);
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = spec.deepCopy();
        String text = delay.toMillis() + "ms";
        if (!copy.path("sites").isArray() || copy.path("sites").isEmpty()) {
            copy.putArray("sites").addObject().put("name", "Default-First-Site-Name").put("replication_delay", text);
        } else {
            for (JsonNode site : copy.get("sites")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) site).put("replication_delay", text);
            }
        }
        return new Scenario(name, copy);
    }

    /** Builds the organisation with {@code count} servers named ex01..exNN, relative to {@code clock}'s now. */
    public Organisation build(int count, SimClock clock) {
        if (count < 1) {
            throw new ScenarioException("a lab needs at least one server, got " + count);
        }
        Instant now = clock.instant();
        JsonNode orgNode = spec.path("organisation");
        String orgName = orgNode.path("name").asText("Contoso");
        String domain = orgNode.path("domain").asText("contoso.local");

        Map<String, AdSite> sites = new LinkedHashMap<>();
        for (JsonNode s : spec.path("sites")) {
            String siteName = text(s, "name");
            sites.put(siteName, new AdSite(siteName, duration(s.path("replication_delay").asText("15m"), "replication_delay")));
        }
        if (sites.isEmpty()) {
            sites.put("Default-First-Site-Name", new AdSite("Default-First-Site-Name", Duration.ofMinutes(15)));
        }
        JsonNode serversNode = spec.path("servers");
        List<String> siteCycle = new ArrayList<>();
        serversNode.path("site").forEach(n -> siteCycle.add(n.asText()));
        if (siteCycle.isEmpty()) {
            siteCycle.add(sites.keySet().iterator().next());
        }
        for (String s : siteCycle) {
            if (!sites.containsKey(s)) {
                throw new ScenarioException("scenario " + name + ": servers.site names '" + s + "', which is not in sites");
            }
        }
        List<String> roles = new ArrayList<>();
        serversNode.path("roles").forEach(n -> roles.add(n.asText()));
        if (roles.isEmpty()) {
            roles.add("Mailbox");
        }
        String version = serversNode.path("version").asText("Version 15.2 (Build 1544.4)");
        JsonNode zones = serversNode.path("time_zone");
        Instant serviceStarted = now.plus(duration(serversNode.path("service_host_started").asText("-6h"), "service_host_started"));
        Instant poolsStarted = now.plus(duration(serversNode.path("app_pools_started").asText("-6h"), "app_pools_started"));
        List<String> edgeSelectors = list(serversNode.path("edge"));

        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(String.format(Locale.ROOT, "ex%02d", i));
        }

        // Shared certificates (one thumbprint placed on several servers) are made once.
        Map<String, ExchangeCertificate> shared = new HashMap<>();
        Map<String, String> thumbprintsById = new HashMap<>();
        for (JsonNode c : spec.path("certificates")) {
            if (!c.path("per_server").asBoolean(false)) {
                ExchangeCertificate made = makeCertificate(c, now, null, null);
                shared.put(text(c, "id"), made);
                thumbprintsById.put(text(c, "id"), made.thumbprint());
            }
        }
        JsonNode authNode = spec.path("auth_config");
        AuthConfig configured = authConfig(authNode, thumbprintsById, now, orgName, domain);
        Instant published = authNode.hasNonNull("published")
                ? now.plus(duration(authNode.get("published").asText(), "auth_config.published")) : null;
        if (published != null && (configured.currentThumbprint() == null || published.isAfter(now))) {
            throw new ScenarioException("scenario " + name + ": auth_config.published says when the current certificate"
                    + " became current, so it needs a current certificate and a time in the past (e.g. published: -2h)");
        }
        // Before its publish, the previous certificate was the current one.
        AuthConfig initial = published == null ? configured
                : new AuthConfig(configured.previousThumbprint(), null, null, null, configured.serviceName(),
                        configured.realm(), configured.distinguishedName());
        HybridConfiguration hybrid = hybrid(spec.path("hybrid"));
        Organisation org = new Organisation(orgName, domain, clock, initial, hybrid);
        if (published != null) {
            org.publishedEarlier(configured, published);
        }

        for (int i = 0; i < count; i++) {
            String serverName = names.get(i);
            boolean edge = selected(edgeSelectors, i, count, serverName);
            List<ExchangeCertificate> certificates = new ArrayList<>();
            String backEnd = null;
            String internalTransport = null;
            String firstOwnSmtp = null;
            for (JsonNode c : spec.path("certificates")) {
                boolean perServer = c.path("per_server").asBoolean(false);
                if (!selected(list(c.path("on")), i, count, serverName) || (edge && !perServer)) {
                    continue;
                }
                ExchangeCertificate certificate = perServer
                        ? makeCertificate(c, now, serverName, serverName + "." + domain)
                        : shared.get(text(c, "id"));
                certificates.add(certificate);
                if (c.path("backend_binding").asBoolean(false)) {
                    backEnd = certificate.thumbprint();
                }
                if (c.path("internal_transport").asBoolean(false)) {
                    internalTransport = certificate.thumbprint();
                }
                if (perServer && firstOwnSmtp == null && AllowedServices.has(certificate.services(), AllowedServices.SMTP)) {
                    firstOwnSmtp = certificate.thumbprint();
                }
            }
            AdSite site = sites.get(siteCycle.get(i % siteCycle.size()));
            List<String> serverRoles = edge ? List.of("Edge") : roles;
            ExchangeServer added = org.addServer(serverName, site, serverRoles, version, edge, zone(zones, i, count, serverName),
                    certificates, backEnd, serviceStarted, poolsStarted);
            // Setup makes the server's own self-signed certificate its default SMTP (internal transport) one.
            org.setInternalTransportCertificate(added, internalTransport != null ? internalTransport : firstOwnSmtp);
        }
        if (published != null) {
            org.servers().stream().filter(s -> !s.isEdge()).findFirst()
                    .ifPresent(publisher -> org.logPublishEvent(publisher, published, configured.currentThumbprint()));
        }
        applyFaults(org, now);
        return org;
    }

    private void applyFaults(Organisation org, Instant now) {
        try {
            FaultSettings.apply(org, spec.path("faults"), now, null);
        } catch (IllegalArgumentException | ScenarioException e) {
            throw new ScenarioException("scenario " + name + ": faults: " + e.getMessage());
        }
    }

    private ExchangeCertificate makeCertificate(JsonNode c, Instant now, String server, String fqdn) {
        String subject = expand(c.path("subject").asText("CN=Microsoft Exchange"), server, fqdn);
        List<String> domains = new ArrayList<>();
        for (String d : list(c.path("domains"))) {
            domains.add(expand(d, server, fqdn));
        }
        Instant notBefore = now.plus(duration(c.path("not_before").asText("-1d"), "not_before"));
        Instant notAfter = now.plus(duration(c.path("not_after").asText("+1825d"), "not_after"));
        int services = AllowedServices.parse(c.path("services").asText("None"));
        return CertificateMaker.selfSigned(subject, c.path("friendly_name").asText(""), domains,
                notBefore.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                notAfter.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                c.path("key_size").asInt(2048), c.path("exportable").asBoolean(false), services);
    }

    private AuthConfig authConfig(JsonNode n, Map<String, String> ids, Instant now, String orgName, String domain) {
        String current = certificateId(n, "current", ids);
        String previous = certificateId(n, "previous", ids);
        String next = certificateId(n, "next", ids);
        Instant effective = n.hasNonNull("next_effective") ? now.plus(duration(n.get("next_effective").asText(), "next_effective")) : null;
        return new AuthConfig(current, previous, next, effective, AuthConfig.EXCHANGE_SERVICE_NAME,
                n.path("realm").asText(""), AuthConfig.distinguishedNameFor(orgName, domain));
    }

    private String certificateId(JsonNode n, String key, Map<String, String> ids) {
        if (!n.hasNonNull(key)) {
            return null;
        }
        String id = n.get(key).asText();
        String thumbprint = ids.get(id);
        if (thumbprint == null) {
            throw new ScenarioException("scenario " + name + ": auth_config." + key + " names certificate '" + id
                    + "', which is not a shared certificate of the scenario");
        }
        return thumbprint;
    }

    private static HybridConfiguration hybrid(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return new HybridConfiguration(n.path("name").asText("Hybrid Configuration"), list(n.path("domains")),
                list(n.path("features")), n.path("on_premises_smart_host").asText(""));
    }

    /**
     * A server's time zone from {@code servers.time_zone}: one zone for every server ("Asia/Kolkata",
     * "+05:30", "UTC"), or a mapping of selectors to zones where the first selector that picks the server
     * wins; UTC when none does.
     */
    private ZoneId zone(JsonNode zones, int index, int count, String serverName) {
        String text = null;
        if (zones.isTextual()) {
            text = zones.asText();
        } else if (zones.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = zones.fields(); it.hasNext() && text == null;) {
                Map.Entry<String, JsonNode> e = it.next();
                if (selected(List.of(e.getKey()), index, count, serverName)) {
                    text = e.getValue().asText();
                }
            }
        } else if (!zones.isMissingNode() && !zones.isNull()) {
            throw new ScenarioException("scenario " + name + ": servers.time_zone must be a zone or a mapping of server"
                    + " selectors to zones, e.g. time_zone: Asia/Kolkata or time_zone: {ex02: \"+05:30\", all: UTC}");
        }
        if (text == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text);
        } catch (java.time.DateTimeException e) {
            throw new ScenarioException("scenario " + name + ": servers.time_zone '" + text + "' is not a time zone;"
                    + " write an IANA name such as Asia/Kolkata or Europe/Berlin, an offset such as +05:30, or UTC");
        }
    }

    /** Selectors: all, first, last, odd, even, not-first, not-last, or a server name. */
    static boolean selected(List<String> selectors, int index, int count, String serverName) {
        for (String s : selectors) {
            boolean hit = switch (s.toLowerCase(Locale.ROOT)) {
                case "all" -> true;
                case "first" -> index == 0;
                case "last" -> index == count - 1 && count > 1;
                case "odd" -> index % 2 == 0;
                case "even" -> index % 2 == 1;
                case "not-first" -> index != 0;
                case "not-last" -> index != count - 1;
                default -> s.equalsIgnoreCase(serverName);
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** Parses "+20d", "-6h", "1d12h", "90m", "30s", "500ms" (sign optional). */
    public static Duration duration(String text, String what) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new ScenarioException("'" + text + "' is not a duration for " + what + "; write e.g. +20d, -6h, 90m, 1d12h, 500ms");
        }
        Duration d = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(m.group(2));
        while (part.find()) {
            long v = Long.parseLong(part.group(1));
            d = d.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(v);
                case "h" -> Duration.ofHours(v);
                case "m" -> Duration.ofMinutes(v);
                case "ms" -> Duration.ofMillis(v);
                default -> Duration.ofSeconds(v);
            });
        }
        return "-".equals(m.group(1)) ? d.negated() : d;
    }

    static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    private String text(JsonNode n, String key) {
        if (!n.hasNonNull(key)) {
            throw new ScenarioException("scenario " + name + ": missing '" + key + "' in " + n);
        }
        return n.get(key).asText();
    }

    private static String expand(String template, String server, String fqdn) {
        if (server == null) {
            return template;
        }
        return template.replace("{server}", server).replace("{fqdn}", fqdn);
    }

    /** A scenario that cannot be loaded or built; the message says what and where. */
    public static final class ScenarioException extends RuntimeException {
        public ScenarioException(String message) {
            super(message);
        }
    }
}
