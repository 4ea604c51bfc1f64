package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import java.util.List;
import java.util.Set;

/**
 * The {@code ansible_*} variables authcert knows: the connection variables it uses, and common Ansible
 * ones that are harmless here. Any other {@code ansible_*} name close to a known one is most likely a
 * typo (an {@code ansible_pasword} silently ignored means a failed login later), so it gets a warning.
 */
public final class ConnectionVariables {

    /** The variables authcert reads to reach a host. */
    public static final Set<String> USED = Set.of(
            "ansible_host",
            "ansible_port",
            "ansible_user",
            "ansible_password",
            "ansible_connection",
            "ansible_winrm_transport",
            "ansible_winrm_scheme",
            "ansible_winrm_path",
            "ansible_winrm_server_cert_validation",
            "ansible_winrm_ca_trust_path",
            "ansible_winrm_operation_timeout_sec",
            "ansible_winrm_read_timeout_sec",
            "ansible_winrm_kinit_mode",
            "ansible_winrm_service",
            "ansible_winrm_kerberos_hostname_override",
            "ansible_winrm_kerberos_delegation",
            "authcert_allow_basic_over_http",
            "authcert_password_env",
            "authcert_password_command");

    /** Every {@code ansible_*} name accepted without a warning. */
    public static final Set<String> KNOWN = Set.copyOf(union(USED, Set.of(
            "ansible_group_priority",
            "ansible_shell_type",
            "ansible_shell_executable",
            "ansible_python_interpreter",
            "ansible_become",
            "ansible_become_method",
            "ansible_become_user",
            "ansible_become_password",
            "ansible_become_pass",
            "ansible_become_exe",
            "ansible_become_flags",
            "ansible_ssh_host",
            "ansible_ssh_port",
            "ansible_ssh_user",
            "ansible_ssh_pass",
            "ansible_ssh_password",
            "ansible_ssh_private_key_file",
            "ansible_ssh_common_args",
            "ansible_ssh_extra_args",
            "ansible_private_key_file",
            "ansible_winrm_user",
            "ansible_winrm_password",
            "ansible_winrm_pass",
            "ansible_winrm_port",
            "ansible_winrm_host",
            "ansible_powershell_executable",
            "ansible_winrm_kinit_cmd",
            "ansible_winrm_kinit_args",
            "ansible_winrm_kinit_env_vars",
            "ansible_winrm_message_encryption",
            "ansible_winrm_cert_pem",
            "ansible_winrm_cert_key_pem",
            "ansible_winrm_connection_timeout",
            "ansible_winrm_send_cbt",
            "ansible_psrp_protocol",
            "ansible_psrp_auth",
            "ansible_psrp_cert_validation",
            "ansible_timeout",
            "ansible_pipelining",
            "ansible_remote_tmp",
            "ansible_async_dir",
            "ansible_facts",
            "ansible_distribution",
            "ansible_os_family",
            "ansible_network_os")));

    private ConnectionVariables() {
    }

    /**
     * True for a variable that holds a password by its name ({@code ansible_password},
     * {@code ansible_winrm_pass}, {@code ansible_become_password}, {@code vault_exchange_password}, ...),
     * so its value is never shown even when it was written in clear.
     */
    public static boolean isPassword(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith("password") || n.endsWith("_pass") || n.endsWith("passwd") || n.contains("secret");
    }

    /**
     * Families of Ansible's own plugin variables (ssh, paramiko, psrp, become, network and container
     * connections, ...): real Ansible names that authcert does not read, never typos of ours.
     */
    private static final List<String> ANSIBLE_FAMILIES = List.of("ansible_ssh_", "ansible_sftp_", "ansible_scp_",
            "ansible_paramiko_", "ansible_libssh_", "ansible_psrp_", "ansible_become_", "ansible_network_", "ansible_netconf_",
            "ansible_httpapi_", "ansible_docker_", "ansible_podman_", "ansible_kubectl_", "ansible_local_", "ansible_persistent_",
            "ansible_connection_", "ansible_shell_", "ansible_python_", "ansible_host_key_", "ansible_winrm_kinit_",
            "ansible_facts_", "ansible_play_", "ansible_inventory_", "ansible_module_", "ansible_async_", "ansible_jinja2_");

    /**
     * Warns when {@code name} looks like a misspelt variable that authcert reads ({@code ansible_pasword});
     * Ansible's own variables, known or of a known family ({@code ansible_ssh_pipelining}), pass quietly.
     */
    static void check(String name, SourceLocation where, Diagnostics diagnostics) {
        if (!name.startsWith("ansible_") || KNOWN.contains(name) || ANSIBLE_FAMILIES.stream().anyMatch(name::startsWith)) {
            return;
        }
        Suggestions.closest(name, USED).ifPresent(s -> diagnostics.warning(where,
                "unknown variable '" + name + "'; authcert will not use it",
                "did you mean '" + s + "'?"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
