package io.authcert.playbook.modules;

import io.authcert.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The modules a playbook task can use, each with its declared arguments. The one source of truth for
 * validation and for the argument tables in {@code docs/playbook.md}.
 */
public final class ModuleRegistry {

    /** Windows service and IIS application pool names we accept (they are also passed to PowerShell). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private final Map<String, ModuleDefinition> modules = new LinkedHashMap<>();

    public ModuleRegistry(List<ModuleDefinition> definitions) {
        for (ModuleDefinition d : definitions) {
            if (modules.put(d.name(), d) != null) {
                throw new IllegalArgumentException("module " + d.name() + " registered twice");
            }
        }
    }

    /** The modules of the Auth-certificate domain. */
    public static ModuleRegistry standard() {
        return new ModuleRegistry(List.of(authCertificate(), backendBinding(), serviceRestart(), appPoolRecycle()));
    }

    public Optional<ModuleDefinition> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** Module names in documentation order. */
    public List<String> names() {
        return List.copyOf(modules.keySet());
    }

    public List<ModuleDefinition> all() {
        return List.copyOf(modules.values());
    }

    static ModuleDefinition authCertificate() {
        AuthCertificateSpec d = AuthCertificateSpec.defaults();
        List<ArgumentSpec> args = List.of(
                ArgumentSpec.of("subject", ArgumentType.STRING).defaultValue(d.subject())
                        .describedAs("Subject of a new Auth certificate, starting with CN=."),
                ArgumentSpec.of("friendly_name", ArgumentType.STRING).defaultValue(d.friendlyName())
                        .describedAs("Friendly name of a new Auth certificate (at most " + AuthCertificateSpec.MAX_FRIENDLY_NAME
                                + " characters: the plan appends \" - yyyyMMddHHmmss\" and Exchange takes fewer than 64); "
                                + "also how an earlier, unpublished one is recognised."),
                ArgumentSpec.of("key_size", ArgumentType.INT).defaultValue(d.keySize()).allowed("2048", "4096")
                        .describedAs("RSA key size in bits of a new certificate."),
                ArgumentSpec.of("domain_names", ArgumentType.LIST)
                        .describedAs("DNS names of a new certificate; empty as in Microsoft's procedure (`-DomainName @()`)."),
                ArgumentSpec.of("renew_before_days", ArgumentType.INT).defaultValue(d.renewBeforeDays()).range(3, 1825)
                        .describedAs("Renew when fewer than this many days of the current certificate remain (Microsoft's monitoring script: 60)."),
                ArgumentSpec.of("stage_days", ArgumentType.INT).defaultValue(d.stageDays()).range(2, 365)
                        .describedAs("In a staged rotation, how many days ahead the next certificate becomes effective; "
                                + "never under 2 (Exchange's 48-hour rule), shortened when the current one expires sooner. "
                                + "Must be less than renew_before_days."),
                ArgumentSpec.of("rotation", ArgumentType.STRING).defaultValue("auto").allowed("auto", "staged", "immediate")
                        .describedAs("auto: staged when there is time, immediate when the current certificate is expired or missing; "
                                + "staged: never replace immediately (stop instead); immediate: always replace at once (brief outage)."),
                ArgumentSpec.of("distribute", ArgumentType.STRING).defaultValue("wait").allowed("wait", "import")
                        .describedAs("How a new certificate reaches every server. wait: let the Service Host deploy it, "
                                + "restarting MSExchangeServiceHost on laggards; import: export it from a server that has it "
                                + "and import it where it is missing (one-time random password, kept in memory)."),
                ArgumentSpec.of("replication_timeout", ArgumentType.DURATION).defaultValue(d.replicationTimeout())
                        .range(60, 7 * 86_400)
                        .describedAs("How long to wait for the certificate and the Auth configuration to reach every server "
                                + "(for example 90m, 2h, or seconds)."),
                ArgumentSpec.of("clear_previous", ArgumentType.BOOL).defaultValue(d.clearPrevious())
                        .describedAs("Clear the previous certificate from the Auth configuration once every server uses the current one."),
                ArgumentSpec.of("hybrid", ArgumentType.STRING).defaultValue("stop").allowed("stop", "acknowledge")
                        .describedAs("In a hybrid organisation a new certificate must also reach Microsoft Entra ID "
                                + "(ConfigureExchangeHybridApplication.ps1 -UpdateCertificate after staging, again with the Hybrid "
                                + "Configuration Wizard once it is current). stop: plan nothing and name those steps; acknowledge: go "
                                + "ahead and list them as manual follow-ups, each when it is due."),
                ArgumentSpec.of("unreachable", ArgumentType.STRING).defaultValue("stop").allowed("stop", "skip")
                        .describedAs("When a server cannot be reached. stop: change nothing; skip: go ahead without it and list it."),
                ArgumentSpec.of("lifetime_days", ArgumentType.INT).defaultValue(d.lifetimeDays())
                        .range(0, AuthCertificateSpec.MAX_LIFETIME_DAYS)
                        .describedAs("Days a new certificate is valid. 0: New-ExchangeCertificate's own 5 years (as Microsoft's "
                                + "monitoring script, -CustomCertificateLifetimeInDays 0); shorter for a tenant that refuses long-lived "
                                + "credentials: the certificate is then made with New-SelfSignedCertificate -NotAfter, since "
                                + "New-ExchangeCertificate takes no lifetime. Must exceed stage_days + renew_before_days."),
                ArgumentSpec.of("primary", ArgumentType.STRING)
                        .describedAs("Inventory name of the server that runs organisation-wide steps; "
                                + "default: the first reachable Mailbox server in host order."));
        return new ModuleDefinition(AuthCertificateSpec.MODULE,
                "The organisation's Auth certificate, its whole lifecycle: present and valid on every server, "
                        + "renewed in time, distributed, published, previous one cleared.",
                args,
                v -> new AuthCertificateSpec(v.string("subject"), v.string("friendly_name"), v.integer("key_size"),
                        v.list("domain_names"), v.integer("renew_before_days"), v.integer("stage_days"),
                        v.choice("rotation", AuthCertificateSpec.Rotation.class),
                        v.choice("distribute", AuthCertificateSpec.Distribute.class),
                        v.duration("replication_timeout"), v.bool("clear_previous"),
                        v.choice("hybrid", AuthCertificateSpec.HybridPolicy.class),
                        v.choice("unreachable", AuthCertificateSpec.UnreachablePolicy.class), v.string("primary"),
                        v.integer("lifetime_days")),
                ModuleRegistry::checkAuthCertificate);
    }

    private static void checkAuthCertificate(ArgumentValues v, Diagnostics d) {
        String subject = v.string("subject");
        if (!subject.trim().toUpperCase(Locale.ROOT).startsWith("CN=") || subject.trim().length() <= 3) {
            d.error(v.location("subject"), "'subject' must be a distinguished name starting with CN=; got '" + subject + "'",
                    "for example: subject: \"" + AuthCertificateSpec.DEFAULT_SUBJECT + "\"");
        }
        String friendlyName = v.string("friendly_name");
        if (friendlyName.isBlank()) {
            d.error(v.location("friendly_name"), "'friendly_name' must not be empty",
                    "the default is \"" + AuthCertificateSpec.DEFAULT_FRIENDLY_NAME + "\"");
        } else if (friendlyName.length() > AuthCertificateSpec.MAX_FRIENDLY_NAME) {
            d.error(v.location("friendly_name"), "'friendly_name' has " + friendlyName.length() + " characters, at most "
                    + AuthCertificateSpec.MAX_FRIENDLY_NAME + " fit: a new certificate is named '" + friendlyName
                    + " - yyyyMMddHHmmss' (" + AuthCertificateSpec.CREATED_NAME_SUFFIX + " more) and New-ExchangeCertificate"
                    + " takes friendly names of fewer than 64 characters",
                    "shorten it to " + AuthCertificateSpec.MAX_FRIENDLY_NAME + " characters or fewer, e.g. \""
                            + AuthCertificateSpec.DEFAULT_FRIENDLY_NAME + "\"");
        }
        for (String name : v.list("domain_names")) {
            if (!DOMAIN.matcher(name).matches()) {
                d.error(v.location("domain_names"), "'domain_names' holds '" + name + "', which is not a DNS name",
                        "write host names such as mail.contoso.com, or leave the list empty as Microsoft's procedure does");
            }
        }
        int renew = v.integer("renew_before_days");
        int stage = v.integer("stage_days");
        if (stage >= renew) {
            d.error(v.location(v.given("stage_days") ? "stage_days" : "renew_before_days"),
                    "'stage_days' (" + stage + ") must be less than 'renew_before_days' (" + renew + ")",
                    "a certificate staged " + stage + " days ahead would become effective after the renewal window; "
                            + "lower stage_days or raise renew_before_days");
        }
        int lifetime = v.integer("lifetime_days");
        if (lifetime > 0 && lifetime <= stage + renew) {
            d.error(v.location("lifetime_days"), "'lifetime_days' (" + lifetime + ") must be more than 'stage_days' + "
                    + "'renew_before_days' (" + stage + " + " + renew + " = " + (stage + renew) + ")",
                    "a new certificate becomes current up to " + stage + " days after it is made and is renewed once fewer than "
                            + renew + " days are left: give it at least " + (stage + renew + 1) + " days, or 0 for Exchange's 5 years");
        }
        String primary = v.string("primary");
        if (primary != null && primary.isBlank()) {
            d.error(v.location("primary"), "'primary' must not be empty",
                    "name a server of the inventory, or leave 'primary' out to use the first reachable Mailbox server");
        }
    }

    static ModuleDefinition backendBinding() {
        List<ArgumentSpec> args = List.of(
                ArgumentSpec.of("site", ArgumentType.STRING).defaultValue(BackendBindingSpec.DEFAULT_SITE)
                        .describedAs("IIS site whose HTTPS binding is checked."),
                ArgumentSpec.of("port", ArgumentType.INT).defaultValue(BackendBindingSpec.DEFAULT_PORT).range(1, 65535)
                        .describedAs("Port of that HTTPS binding."),
                ArgumentSpec.of("friendly_name", ArgumentType.STRING)
                        .describedAs("Bind a certificate with this friendly name; default: the Exchange self-signed certificate (\"Microsoft Exchange\")."),
                ArgumentSpec.of("subject", ArgumentType.STRING)
                        .describedAs("Bind a certificate with this subject; with friendly_name, a certificate must match both."),
                ArgumentSpec.of("min_days_valid", ArgumentType.INT).defaultValue(BackendBindingSpec.DEFAULT_MIN_DAYS_VALID)
                        .range(0, 3650)
                        .describedAs("The bound certificate must stay valid at least this many more days; otherwise rebind to one that does."));
        return new ModuleDefinition(BackendBindingSpec.MODULE,
                "The HTTPS binding of the \"Exchange Back End\" site uses a certificate present on the server and valid long enough.",
                args,
                v -> new BackendBindingSpec(v.string("site"), v.integer("port"), v.string("friendly_name"), v.string("subject"),
                        v.integer("min_days_valid")),
                (v, d) -> {
                    if (v.string("site").isBlank()) {
                        d.error(v.location("site"), "'site' must not be empty", "the default is \"" + BackendBindingSpec.DEFAULT_SITE + "\"");
                    }
                    for (String key : List.of("friendly_name", "subject")) {
                        if (v.string(key) != null && v.string(key).isBlank()) {
                            d.error(v.location(key), "'" + key + "' must not be empty", "leave it out to use the Exchange self-signed certificate");
                        }
                    }
                });
    }

    static ModuleDefinition serviceRestart() {
        return new ModuleDefinition(ServiceRestartSpec.MODULE,
                "Restart a Windows service on the server (normally a handler: MSExchangeServiceHost).",
                List.of(ArgumentSpec.of("name", ArgumentType.STRING).required()
                        .describedAs("Service name, for example MSExchangeServiceHost.")),
                v -> new ServiceRestartSpec(v.string("name")),
                (v, d) -> checkName(v, d, "a Windows service name such as MSExchangeServiceHost"));
    }

    static ModuleDefinition appPoolRecycle() {
        return new ModuleDefinition(AppPoolRecycleSpec.MODULE,
                "Recycle an IIS application pool on the server (normally a handler: MSExchangeOWAAppPool, MSExchangeECPAppPool).",
                List.of(ArgumentSpec.of("name", ArgumentType.STRING).required()
                        .describedAs("Application pool name, for example MSExchangeOWAAppPool.")),
                v -> new AppPoolRecycleSpec(v.string("name")),
                (v, d) -> checkName(v, d, "an application pool name such as MSExchangeOWAAppPool"));
    }

    private static void checkName(ArgumentValues v, Diagnostics d, String example) {
        if (!NAME.matcher(v.string("name")).matches()) {
            d.error(v.location("name"), "'name' must be letters, digits, spaces, '.', '_' or '-' (at most 128); got '"
                    + v.string("name") + "'", "write " + example);
        }
    }
}
