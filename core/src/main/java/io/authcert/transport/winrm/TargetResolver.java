package io.authcert.transport.winrm;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.transport.Target;
import io.authcert.transport.Target.AuthTransport;
import io.authcert.transport.Target.Connection;
import io.authcert.transport.Target.KerberosOptions;
import io.authcert.transport.Target.KinitMode;
import io.authcert.transport.Target.MessageEncryption;
import io.authcert.transport.Target.Scheme;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.PasswordSources;
import io.authcert.vault.Secret;
import io.authcert.vault.SecretCommand;
import io.authcert.vault.SecretValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a host's Ansible connection variables into a {@link Target}, and refuses, before anything is
 * sent, the configurations the WinRM client cannot serve (CredSSP, certificates, encryption with Basic,
 * DOMAIN&#92;user without NTLM, Kerberos to an IP address) and Basic over plain HTTP unless the host
 * opts in, saying what works instead.
 */
public final class TargetResolver {

    public static final int DEFAULT_HTTP_PORT = 5985;
    public static final int DEFAULT_HTTPS_PORT = 5986;
    /** pywinrm's and Ansible's defaults. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** Set to true on a host to accept Basic over plain HTTP (isolated lab networks only); refused otherwise. */
    public static final String ALLOW_BASIC_OVER_HTTP = "authcert_allow_basic_over_http";

    static final String SUPPORTED = "Supported: ansible_winrm_transport: ntlm (DOMAIN\\user, user@REALM or a local"
            + " account), kerberos (user@REALM with its password, or your own ticket from kinit) or negotiate (Kerberos"
            + " when it can log on, NTLM otherwise), all with messages encrypted over HTTP; or basic with a local"
            + " account over HTTPS (over HTTP only with " + ALLOW_BASIC_OVER_HTTP + ": true and AllowUnencrypted on"
            + " the server).";

    private final PasswordSources passwordSources;

    /** Password sources read from this process's environment, commands run with the default timeout. */
    public TargetResolver() {
        this(PasswordSources.reading(System.getenv(), SecretCommand.withDefaultTimeout()));
    }

    /** @param passwordSources where {@code authcert_password_env} and {@code authcert_password_command} are read */
    public TargetResolver(PasswordSources passwordSources) {
        this.passwordSources = passwordSources;
    }

    /**
     * Builds the target of {@code host} from its merged variables.
     *
     * @throws InputException listing every problem, each with what to change
     */
    public Target resolve(String host, Map<String, Object> vars) {
        return resolve(host, vars, Map.of());
    }

    /**
     * As {@link #resolve(String, Map)}; {@code locations} says where each variable was set, for the problems of
     * a password source (the only ones found while reading a value rather than its form).
     */
    public Target resolve(String host, Map<String, Object> vars, Map<String, SourceLocation> locations) {
        Diagnostics problems = new Diagnostics();
        Target.ExchangeShellMode shell = exchangeShell(host, vars, problems);
        String connection = string(vars, "ansible_connection").orElse("winrm").toLowerCase(Locale.ROOT);
        String address = string(vars, "ansible_host").orElse(host);
        if (connection.equals("local")) {
            String exe = string(vars, "ansible_powershell_executable").orElse("powershell.exe");
            if (problems.hasErrors()) {
                throw new InputException(problems);
            }
            return new Target(host, Connection.LOCAL, address, 0, Scheme.HTTP, "", null, null, AuthTransport.BASIC,
                    true, null, DEFAULT_OPERATION_TIMEOUT, DEFAULT_READ_TIMEOUT, exe, MessageEncryption.AUTO,
                    KerberosOptions.defaults(false), shell);
        }
        if (!connection.equals("winrm")) {
            problems.error(null, "host " + host + ": ansible_connection: " + shown(vars, "ansible_connection", connection)
                            + " is not supported",
                    "use ansible_connection: winrm (or local when the engine runs on the Exchange server itself)");
        }

        Integer port = integer(vars, "ansible_port", host, problems);
        String schemeText = string(vars, "ansible_winrm_scheme").orElse(null);
        Scheme scheme;
        if (schemeText == null) {
            scheme = port != null && port == DEFAULT_HTTP_PORT ? Scheme.HTTP : Scheme.HTTPS;
        } else if (schemeText.equalsIgnoreCase("http") || schemeText.equalsIgnoreCase("https")) {
            scheme = Scheme.valueOf(schemeText.toUpperCase(Locale.ROOT));
        } else {
            problems.error(null, "host " + host + ": ansible_winrm_scheme: " + shown(vars, "ansible_winrm_scheme", schemeText)
                            + " is neither http nor https",
                    "use ansible_winrm_scheme: https (port 5986) or http (port 5985)");
            scheme = Scheme.HTTPS;
        }
        int effectivePort = port != null ? port : scheme == Scheme.HTTP ? DEFAULT_HTTP_PORT : DEFAULT_HTTPS_PORT;
        String path = string(vars, "ansible_winrm_path").orElse("/wsman");
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (port != null && (port < 1 || port > 65535)) {
            problems.error(null, "host " + host + ": ansible_port: " + shown(vars, "ansible_port", port.toString())
                    + " is not a TCP port", "use a port from 1 to 65535: 5986 for WinRM over HTTPS, 5985 for HTTP");
        }
        if (!isUrlHost(address)) {
            String key = vars.get("ansible_host") != null ? "ansible_host" : "the inventory host name";
            problems.error(null, "host " + host + ": " + key + " " + shown(vars, "ansible_host", address)
                    + " is not a host name or IP address", "write a DNS name (ex01.corp.example) or an IP address,"
                    + " without scheme, port, path or spaces");
        }
        if (!URL_PATH.matcher(path).matches()) {
            problems.error(null, "host " + host + ": ansible_winrm_path " + shown(vars, "ansible_winrm_path", path)
                    + " is not a URL path", "leave it out for /wsman, or write a path without spaces, '?' or '#'");
        }

        String user = string(vars, "ansible_user").or(() -> string(vars, "ansible_winrm_user")).orElse(null);
        Secret password = secret(vars, "ansible_password")
                .or(() -> secret(vars, "ansible_winrm_password"))
                .or(() -> secret(vars, "ansible_winrm_pass")).orElse(null);
        if (password == null || hasPasswordSource(vars)) {
            password = passwordFromSource(host, vars, locations, problems, password != null);
        }
        KerberosOptions kerberos = KerberosVariables.read(host, vars, password != null, problems);
        int problemsBefore = problems.errors().size();
        AuthTransport auth = narrowNegotiate(authTransport(host, vars, user, problems), user, address, kerberos);
        boolean transportUnderstood = problems.errors().size() == problemsBefore;
        boolean kerberosCapable = auth == AuthTransport.KERBEROS || auth == AuthTransport.NEGOTIATE;
        boolean ownTicket = kerberosCapable && kerberos.kinitMode() == KinitMode.MANUAL;
        if ((user == null || user.isBlank()) && !ownTicket) {
            problems.error(null, "host " + host + ": no ansible_user", "set ansible_user (a local account for Basic,"
                    + " or user@REALM for Kerberos) in the inventory, group_vars or host_vars");
        }
        if (password == null && !kerberosCapable) {
            problems.error(null, "host " + host + ": no ansible_password",
                    "set ansible_password, preferably vaulted (ansible-vault encrypt_string)");
        }
        if (password == null && kerberosCapable && kerberos.kinitMode() == KinitMode.MANAGED) {
            problems.error(null, "host " + host + ": ansible_winrm_kinit_mode is managed, but there is no ansible_password"
                    + " to log on with", "set ansible_password (vaulted), or ansible_winrm_kinit_mode: manual to use your"
                    + " own ticket from kinit");
        }

        // A vaulted user name is shown as "(vaulted)", never decrypted into a message.
        String userShown = shown(vars, vars.get("ansible_user") != null ? "ansible_user" : "ansible_winrm_user", user);
        if (user != null && user.contains("\\") && auth != AuthTransport.NTLM) {
            String account = isVaulted(vars.get("ansible_user")) ? "user" : user.substring(user.indexOf('\\') + 1);
            String domain = isVaulted(vars.get("ansible_user")) ? "DOMAIN" : user.substring(0, user.indexOf('\\'));
            problems.error(null, "host " + host + ": ansible_user " + userShown + " has the DOMAIN\\user form, which only"
                            + " NTLM understands, but ansible_winrm_transport is " + auth.name().toLowerCase(Locale.ROOT),
                    "set ansible_winrm_transport: ntlm (or negotiate), or use '" + account + "@"
                            + domain.toUpperCase(Locale.ROOT) + ".FQDN' (the domain's DNS name in capitals) with"
                            + " ansible_winrm_transport: kerberos, or a local account with basic");
        } else if (user != null && auth == AuthTransport.BASIC && user.contains("@")) {
            problems.error(null, "host " + host + ": ansible_user " + userShown + " contains @, which makes the WinRM"
                    + " client use Kerberos, but ansible_winrm_transport is basic",
                    "for Basic use the local account name without @; for a domain account set"
                            + " ansible_winrm_transport: kerberos");
        } else if (user != null && auth == AuthTransport.KERBEROS && !user.contains("@")) {
            problems.error(null, "host " + host + ": Kerberos needs ansible_user in the form user@REALM, not " + userShown,
                    "write the user as user@CONTOSO.COM (the realm in capitals)");
        }
        if (auth == AuthTransport.KERBEROS && kerberos.hostnameOverride() == null && KerberosVariables.isIpAddress(address)) {
            String key = vars.get("ansible_host") != null ? "ansible_host" : "the inventory host name";
            problems.error(null, "host " + host + ": " + key + " " + shown(vars, "ansible_host", address) + " is an IP"
                            + " address, but a Kerberos ticket names the server (" + kerberos.service() + "/name): the KDC"
                            + " has none for an address unless an SPN was registered for it",
                    "set ansible_winrm_kerberos_hostname_override to the server's name in its " + kerberos.service()
                            + "/ SPN (ex01.contoso.com), or ansible_host to that name; ansible_winrm_transport: negotiate"
                            + " uses NTLM for an address, as Windows does");
        }

        MessageEncryption encryption = messageEncryption(host, vars, auth, problems);
        if (transportUnderstood) {
            refuseBasicOverPlainHttp(host, vars, auth, scheme, problems);
        }

        String validation = string(vars, "ansible_winrm_server_cert_validation").orElse("validate")
                .toLowerCase(Locale.ROOT);
        if (!validation.equals("validate") && !validation.equals("ignore")) {
            problems.error(null, "host " + host + ": ansible_winrm_server_cert_validation: "
                    + shown(vars, "ansible_winrm_server_cert_validation", validation)
                    + " is neither validate nor ignore", "use validate (the default) or ignore");
        }
        Path ca = string(vars, "ansible_winrm_ca_trust_path").map(Path::of).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            problems.error(null, "host " + host + ": ansible_winrm_ca_trust_path "
                            + shown(vars, "ansible_winrm_ca_trust_path", ca.toString()) + " is not a readable file",
                    "point it at a PEM file with the CA certificate(s) that issued the servers' WinRM certificates");
        }

        Integer op = integer(vars, "ansible_winrm_operation_timeout_sec", host, problems);
        Integer read = integer(vars, "ansible_winrm_read_timeout_sec", host, problems);
        Duration operation = op == null ? DEFAULT_OPERATION_TIMEOUT : Duration.ofSeconds(op);
        Duration readTimeout = read == null ? DEFAULT_READ_TIMEOUT : Duration.ofSeconds(read);
        if (operation.isZero() || operation.isNegative() || readTimeout.compareTo(operation) <= 0) {
            problems.error(null, "host " + host + ": ansible_winrm_read_timeout_sec (" + readTimeout.toSeconds()
                            + ") must be greater than ansible_winrm_operation_timeout_sec (" + operation.toSeconds()
                            + "), both positive",
                    "the server holds a Receive for up to the operation timeout; the read timeout must outlast it");
        }
        if (problems.hasErrors()) {
            throw new InputException(problems);
        }
        return new Target(host, Connection.WINRM, address, effectivePort, scheme, path, user, password, auth,
                validation.equals("validate"), ca, operation, readTimeout, "powershell", encryption, kerberos, shell);
    }

    private static boolean hasPasswordSource(Map<String, Object> vars) {
        return vars.get(PasswordSources.ENV_VARIABLE) != null || vars.get(PasswordSources.COMMAND_VARIABLE) != null;
    }

    /**
     * The password from {@code authcert_password_env} or {@code authcert_password_command}, or null when neither is
     * set. One source at a time: with {@code ansible_password} set as well, or both sources, it is refused, so
     * that a host never logs on with a password other than the one its administrator thinks it uses.
     */
    private Secret passwordFromSource(String host, Map<String, Object> vars, Map<String, SourceLocation> locations,
                                      Diagnostics problems, boolean explicitPassword) {
        List<String> given = new java.util.ArrayList<>();
        if (explicitPassword) {
            given.add(java.util.stream.Stream.of("ansible_password", "ansible_winrm_password", "ansible_winrm_pass")
                    .filter(k -> vars.get(k) != null).findFirst().orElseThrow());
        }
        for (String v : List.of(PasswordSources.ENV_VARIABLE, PasswordSources.COMMAND_VARIABLE)) {
            if (vars.get(v) != null) {
                given.add(v);
            }
        }
        if (given.size() > 1) {
            String where = given.stream().map(v -> v + java.util.Optional.ofNullable(locations.get(v))
                    .map(at -> " (" + at + ")").orElse("")).collect(java.util.stream.Collectors.joining(", "));
            problems.error(locations.get(given.get(1)), "host " + host + ": the password is given more than once: "
                            + where + "; authcert uses one and will not choose",
                    "keep one of them; to override a group's for this host, set the other to null in host_vars"
                            + " (e.g. ansible_password: null)");
            return explicitPassword ? Secret.of(Secret.REDACTED) : null;
        }
        if (given.isEmpty()) {
            return null;
        }
        String variable = given.get(0);
        try {
            return passwordSources.password(variable, vars.get(variable));
        } catch (PasswordSources.Unavailable e) {
            problems.error(locations.get(variable), "host " + host + ": " + variable + ": " + e.getMessage(), e.hint());
            // Stands in for the password: the other checks go on as if one were given.
            return Secret.of(Secret.REDACTED);
        }
    }

    /** {@code authcert_exchange_shell}: remote (default) or snapin. */
    public static final String EXCHANGE_SHELL = "authcert_exchange_shell";

    private static Target.ExchangeShellMode exchangeShell(String host, Map<String, Object> vars, Diagnostics problems) {
        String text = string(vars, EXCHANGE_SHELL).orElse("remote").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "remote" -> Target.ExchangeShellMode.REMOTE;
            case "snapin" -> Target.ExchangeShellMode.SNAPIN;
            default -> {
                problems.error(null, "host " + host + ": " + EXCHANGE_SHELL + ": " + shown(vars, EXCHANGE_SHELL, text)
                                + " is neither remote nor snapin",
                        "use remote (the Exchange management endpoint, works at WinRM's defaults) or snapin (needs CredSSP"
                                + " or Kerberos with ansible_winrm_kerberos_delegation: true to reach Active Directory)");
                yield Target.ExchangeShellMode.REMOTE;
            }
        };
    }

    /**
     * Basic over plain HTTP puts the password (only base64-encoded) and every script on the network for
     * anyone to read, so it is refused unless the host opts in with {@link #ALLOW_BASIC_OVER_HTTP}; the
     * CLI then warns on every run.
     */
    private static void refuseBasicOverPlainHttp(String host, Map<String, Object> vars, AuthTransport auth, Scheme scheme,
                                                 Diagnostics problems) {
        Object raw = vars.get(ALLOW_BASIC_OVER_HTTP);
        Boolean allowed = raw == null ? Boolean.FALSE : bool(raw);
        if (allowed == null) {
            problems.error(null, "host " + host + ": " + ALLOW_BASIC_OVER_HTTP + ": "
                    + shown(vars, ALLOW_BASIC_OVER_HTTP, SecretValues.text(raw)) + " is neither true nor false",
                    "write " + ALLOW_BASIC_OVER_HTTP + ": true to accept Basic over plain HTTP for this host, or leave it out");
            return;
        }
        if (auth == AuthTransport.BASIC && scheme == Scheme.HTTP && !allowed) {
            problems.error(null, "host " + host + ": Basic authentication over plain HTTP is refused: the password (only"
                            + " base64-encoded) and every script would travel readable on the network",
                    "use ansible_winrm_transport: ntlm with a domain account (ansible_user: CONTOSO\\user; a server at"
                            + " WinRM's defaults then encrypts every message), or HTTPS (ansible_winrm_scheme: https,"
                            + " port 5986); only on an isolated lab network, set " + ALLOW_BASIC_OVER_HTTP
                            + ": true for this host");
        }
    }

    /** Ansible's booleans: true/false, yes/no, on/off, 1/0; null for anything else. */
    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (SecretValues.text(raw).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "y" -> Boolean.TRUE;
            case "false", "no", "off", "0", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** pywinrm's auto, always, never; NTLM and Kerberos seal messages in this client, Basic cannot. */
    private static MessageEncryption messageEncryption(String host, Map<String, Object> vars, AuthTransport auth,
                                                       Diagnostics problems) {
        String text = string(vars, "ansible_winrm_message_encryption").orElse("auto").toLowerCase(Locale.ROOT);
        MessageEncryption e;
        switch (text) {
            case "auto" -> e = MessageEncryption.AUTO;
            case "always" -> e = MessageEncryption.ALWAYS;
            case "never" -> e = MessageEncryption.NEVER;
            default -> {
                problems.error(null, "host " + host + ": ansible_winrm_message_encryption: "
                        + shown(vars, "ansible_winrm_message_encryption", text) + " is not auto, always or never",
                        "leave it out (auto: encrypted over HTTP, not over HTTPS), or write always or never");
                return MessageEncryption.AUTO;
            }
        }
        boolean seals = auth == AuthTransport.NTLM || auth == AuthTransport.KERBEROS || auth == AuthTransport.NEGOTIATE;
        if (e == MessageEncryption.ALWAYS && !seals) {
            problems.error(null, "host " + host + ": ansible_winrm_message_encryption: always, but "
                            + auth.name().toLowerCase(Locale.ROOT) + " cannot encrypt messages (only ntlm, kerberos and"
                            + " negotiate seal them)",
                    "use ansible_winrm_transport: ntlm or kerberos, or HTTPS with message encryption auto");
        }
        return e;
    }

    /**
     * Negotiate is NTLM where Kerberos cannot be: a DOMAIN&#92;user or local account (no realm), or an IP
     * address without a hostname override (no SPN names it), as Windows' Negotiate picks NTLM then. Left
     * as NEGOTIATE, the WinRM client tries Kerberos at run time and falls back to NTLM if it is unavailable.
     */
    private static AuthTransport narrowNegotiate(AuthTransport auth, String user, String address, KerberosOptions kerberos) {
        if (auth != AuthTransport.NEGOTIATE) {
            return auth;
        }
        boolean noRealm = user != null && (user.contains("\\") || !user.contains("@"));
        boolean noName = kerberos.hostnameOverride() == null && KerberosVariables.isIpAddress(address);
        return noRealm || noName ? AuthTransport.NTLM : AuthTransport.NEGOTIATE;
    }

    private static AuthTransport authTransport(String host, Map<String, Object> vars, String user, Diagnostics problems) {
        Object raw = vars.get("ansible_winrm_transport");
        String first = null;
        if (raw instanceof Collection<?> list && !list.isEmpty()) {
            first = SecretValues.text(list.iterator().next());
        } else if (raw != null) {
            first = SecretValues.text(raw).split(",")[0];
        }
        if (first == null || first.isBlank()) {
            return user != null && user.contains("@") ? AuthTransport.KERBEROS : AuthTransport.BASIC;
        }
        String t = first.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "basic", "plaintext":
                return AuthTransport.BASIC;
            case "kerberos":
                return AuthTransport.KERBEROS;
            case "ntlm":
                return AuthTransport.NTLM;
            case "negotiate":
                return AuthTransport.NEGOTIATE;
            case "credssp", "certificate", "ssl":
                problems.error(null, "host " + host + ": ansible_winrm_transport: " + t + " is not supported: the"
                        + " engine's WinRM client has no " + (t.equals("credssp") ? "CredSSP"
                        : "client-certificate authentication") + " (it seals messages with NTLM or Kerberos)", SUPPORTED);
                return AuthTransport.valueOf(t.equals("ssl") ? "CERTIFICATE" : t.toUpperCase(Locale.ROOT));
            default:
                problems.error(null, "host " + host + ": ansible_winrm_transport: " + shown(vars, "ansible_winrm_transport", t)
                                + " is not a WinRM transport",
                        SUPPORTED);
                return AuthTransport.BASIC;
        }
    }

    private static java.util.Optional<String> string(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        if (v == null) {
            return java.util.Optional.empty();
        }
        String s = SecretValues.text(v);
        return s.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(s.strip());
    }

    private static java.util.Optional<Secret> secret(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        if (v == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SecretValues.secret(v));
    }

    private static Integer integer(Map<String, Object> vars, String key, String host, Diagnostics problems) {
        Object v = vars.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(SecretValues.text(v).strip());
        } catch (NumberFormatException e) {
            problems.error(null, "host " + host + ": " + key + ": " + shown(vars, key, String.valueOf(v))
                    + " is not a whole number", "write a number,"
                    + " for example " + key + ": " + (key.equals("ansible_port") ? "5986" : "60"));
            return null;
        }
    }

    /** Characters a URL path may hold (RFC 3986 pchar and '/'). */
    private static final java.util.regex.Pattern URL_PATH = java.util.regex.Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*");

    /** True when {@code address} can stand as the host of a URL: a DNS name, an IPv4 or an IPv6 address. */
    private static boolean isUrlHost(String address) {
        String h = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        try {
            return new java.net.URI("http://" + h + "/").getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * A value for an error message: quoted when it was written in clear, "(vaulted)" when it came from
     * ansible-vault, so a message never carries a decrypted value.
     */
    private static String shown(Map<String, Object> vars, String key, String text) {
        return isVaulted(vars.get(key)) ? "(vaulted)" : "'" + text + "'";
    }

    private static boolean isVaulted(Object value) {
        return value instanceof Secret || value instanceof io.authcert.vault.VaultedValue;
    }

    /** The variables this resolver reads, for "did you mean" checks elsewhere. */
    public static final List<String> VARIABLES = List.of("ansible_host", "ansible_port", "ansible_user",
            "ansible_password", "ansible_connection", "ansible_winrm_transport", "ansible_winrm_scheme",
            "ansible_winrm_path", "ansible_winrm_server_cert_validation", "ansible_winrm_ca_trust_path",
            "ansible_winrm_operation_timeout_sec", "ansible_winrm_read_timeout_sec", "ansible_powershell_executable",
            "ansible_winrm_message_encryption", "ansible_winrm_kinit_mode", "ansible_winrm_service",
            "ansible_winrm_kerberos_hostname_override", "ansible_winrm_kerberos_delegation", ALLOW_BASIC_OVER_HTTP,
            PasswordSources.ENV_VARIABLE, PasswordSources.COMMAND_VARIABLE);
}
