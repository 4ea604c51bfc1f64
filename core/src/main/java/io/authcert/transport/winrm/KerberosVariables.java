package io.authcert.transport.winrm;

import io.authcert.diag.Diagnostics;
import io.authcert.transport.Target.KerberosOptions;
import io.authcert.transport.Target.KinitMode;
import io.authcert.vault.Secret;
import io.authcert.vault.SecretValues;
import io.authcert.vault.VaultedValue;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Ansible's Kerberos variables of one host ({@code ansible_winrm_kinit_mode},
 * {@code ansible_winrm_service}, {@code ansible_winrm_kerberos_hostname_override},
 * {@code ansible_winrm_kerberos_delegation}) with the defaults of Ansible's winrm connection plugin
 * and pywinrm, reporting each bad value with what to write instead.
 */
final class KerberosVariables {

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private KerberosVariables() {
    }

    /**
     * The host's Kerberos options. As Ansible: the kinit mode is managed when a password is given,
     * manual otherwise.
     */
    static KerberosOptions read(String host, Map<String, Object> vars, boolean hasPassword, Diagnostics problems) {
        KinitMode mode = hasPassword ? KinitMode.MANAGED : KinitMode.MANUAL;
        String modeText = text(vars, "ansible_winrm_kinit_mode");
        if (modeText != null) {
            switch (modeText.toLowerCase(Locale.ROOT)) {
                case "managed" -> mode = KinitMode.MANAGED;
                case "manual" -> mode = KinitMode.MANUAL;
                default -> problems.error(null, "host " + host + ": ansible_winrm_kinit_mode: "
                                + shown(vars, "ansible_winrm_kinit_mode", modeText) + " is neither managed nor manual",
                        "managed: the engine logs on with ansible_password; manual: it uses your own ticket (kinit) or"
                                + " client keytab (KRB5_CLIENT_KTNAME); leave it out to choose by whether a password is set");
            }
        }
        String service = text(vars, "ansible_winrm_service");
        if (service == null) {
            service = KerberosOptions.DEFAULT_SERVICE;
        } else if (!SERVICE.matcher(service).matches()) {
            problems.error(null, "host " + host + ": ansible_winrm_service " + shown(vars, "ansible_winrm_service", service)
                    + " is not a Kerberos service name", "leave it out for HTTP (the SPN HTTP/host), or write the"
                    + " service part alone, such as WSMAN");
        }
        String override = text(vars, "ansible_winrm_kerberos_hostname_override");
        if (override != null && !HOST_NAME.matcher(override).matches()) {
            problems.error(null, "host " + host + ": ansible_winrm_kerberos_hostname_override "
                            + shown(vars, "ansible_winrm_kerberos_hostname_override", override) + " is not a host name",
                    "write the server's name as its HTTP/ service principal has it (ex01.contoso.com), without"
                            + " scheme, port or service");
        }
        boolean delegation = false;
        Object raw = vars.get("ansible_winrm_kerberos_delegation");
        if (raw != null) {
            Boolean parsed = bool(raw);
            if (parsed == null) {
                problems.error(null, "host " + host + ": ansible_winrm_kerberos_delegation: "
                                + shown(vars, "ansible_winrm_kerberos_delegation", SecretValues.text(raw)) + " is not a boolean",
                        "write true (forward your ticket to the server, for a second hop) or false");
            } else {
                delegation = parsed;
            }
        }
        return new KerberosOptions(mode, service, override, delegation);
    }

    /** True for an IPv4 or IPv6 literal, told apart without DNS: Kerberos names a server, not an address. */
    static boolean isIpAddress(String address) {
        return IPV4.matcher(address).matches() || address.contains(":");
    }

    /** Ansible's boolean spellings. */
    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (SecretValues.text(value).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "y", "t" -> true;
            case "false", "no", "off", "0", "n", "f" -> false;
            default -> null;
        };
    }

    private static String text(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        if (v == null) {
            return null;
        }
        String s = SecretValues.text(v).strip();
        return s.isEmpty() ? null : s;
    }

    private static String shown(Map<String, Object> vars, String key, String text) {
        Object v = vars.get(key);
        return v instanceof Secret || v instanceof VaultedValue ? "(vaulted)" : "'" + text + "'";
    }
}
