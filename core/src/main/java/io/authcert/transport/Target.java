package io.authcert.transport;

import io.authcert.vault.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one host, read from its Ansible connection variables ({@code ansible_host},
 * {@code ansible_port}, {@code ansible_winrm_*}, ...). The password is a {@link Secret}.
 */
public record Target(
        String name,
        Connection connection,
        String address,
        int port,
        Scheme scheme,
        String path,
        String user,
        Secret password,
        AuthTransport authTransport,
        boolean validateServerCertificate,
        Path caTrustPath,
        Duration operationTimeout,
        Duration readTimeout,
        String powershellExecutable,
        MessageEncryption messageEncryption,
        KerberosOptions kerberos,
        ExchangeShellMode exchangeShell) {

    public enum Connection { WINRM, LOCAL }

    /**
     * {@code authcert_exchange_shell}: where the Exchange cmdlets come from. REMOTE (the default) is the
     * server's own management endpoint, where RBAC decides; SNAPIN loads the snap-in in the WinRM session,
     * which reaches Active Directory only from a logon with network credentials (CredSSP, Kerberos with
     * delegation).
     */
    public enum ExchangeShellMode { REMOTE, SNAPIN }

    public enum Scheme { HTTP, HTTPS }

    /**
     * {@code ansible_winrm_transport}; BASIC, KERBEROS, NTLM and NEGOTIATE (Kerberos when it can log on,
     * NTLM otherwise) are supported by the WinRM client.
     */
    public enum AuthTransport { BASIC, KERBEROS, NTLM, NEGOTIATE, CREDSSP, CERTIFICATE, PLAINTEXT }

    /** {@code ansible_winrm_message_encryption}, with pywinrm's meaning: AUTO encrypts over HTTP, not over HTTPS. */
    public enum MessageEncryption { AUTO, ALWAYS, NEVER }

    /** {@code ansible_winrm_kinit_mode}: log on with the inventory's password, or use the user's own tickets. */
    public enum KinitMode { MANAGED, MANUAL }

    /**
     * Ansible's Kerberos variables for this host.
     *
     * @param service {@code ansible_winrm_service}, the service part of the SPN ({@code HTTP})
     * @param hostnameOverride {@code ansible_winrm_kerberos_hostname_override}, or null for the address
     * @param delegation {@code ansible_winrm_kerberos_delegation}: forward the user's TGT to the server
     */
    public record KerberosOptions(KinitMode kinitMode, String service, String hostnameOverride, boolean delegation) {

        public static final String DEFAULT_SERVICE = "HTTP";

        public KerberosOptions {
            Objects.requireNonNull(kinitMode, "kinitMode");
            Objects.requireNonNull(service, "service");
        }

        /** Ansible's defaults: managed when there is a password, manual otherwise. */
        public static KerberosOptions defaults(boolean hasPassword) {
            return new KerberosOptions(hasPassword ? KinitMode.MANAGED : KinitMode.MANUAL, DEFAULT_SERVICE, null, false);
        }
    }

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kerberos, "kerberos");
        exchangeShell = exchangeShell == null ? ExchangeShellMode.REMOTE : exchangeShell;
    }

    /** A target whose Exchange cmdlets come from the management endpoint (the default). */
    public Target(String name, Connection connection, String address, int port, Scheme scheme, String path, String user,
                  Secret password, AuthTransport authTransport, boolean validateServerCertificate, Path caTrustPath,
                  Duration operationTimeout, Duration readTimeout, String powershellExecutable,
                  MessageEncryption messageEncryption, KerberosOptions kerberos) {
        this(name, connection, address, port, scheme, path, user, password, authTransport, validateServerCertificate,
                caTrustPath, operationTimeout, readTimeout, powershellExecutable, messageEncryption, kerberos,
                ExchangeShellMode.REMOTE);
    }

    /**
     * True when the logon this target gets can authenticate onwards from the server (to a domain controller, to
     * the management endpoint): the engine on the server itself, or Kerberos with delegation. NTLM, Negotiate
     * and Kerberos without delegation cannot; Basic is a local account, which has no domain identity.
     */
    public boolean logonCanDelegate() {
        return connection == Connection.LOCAL
                || (authTransport == AuthTransport.KERBEROS && kerberos.delegation());
    }
    /** A target with Ansible's Kerberos defaults, for the transports and tests that never use Kerberos. */
    public Target(String name, Connection connection, String address, int port, Scheme scheme, String path, String user,
                  Secret password, AuthTransport authTransport, boolean validateServerCertificate, Path caTrustPath,
                  Duration operationTimeout, Duration readTimeout, String powershellExecutable,
                  MessageEncryption messageEncryption) {
        this(name, connection, address, port, scheme, path, user, password, authTransport, validateServerCertificate,
                caTrustPath, operationTimeout, readTimeout, powershellExecutable, messageEncryption,
                KerberosOptions.defaults(password != null));
    }

    /**
     * The service of the Kerberos ticket, host-based as pywinrm writes it: {@code HTTP@ex01.contoso.com}
     * from the hostname override, else the address connected to.
     */
    public String kerberosService() {
        String host = kerberos.hostnameOverride() != null ? kerberos.hostnameOverride() : address;
        return kerberos.service() + "@" + host;
    }

    /** True when WinRM bodies are to be sealed by the authentication (NTLM, Kerberos): always, or auto over HTTP. */
    public boolean encryptsMessages() {
        return messageEncryption == MessageEncryption.ALWAYS
                || (messageEncryption == MessageEncryption.AUTO && scheme == Scheme.HTTP);
    }

    /**
     * True when Basic goes over plain HTTP: the password (only base64-encoded) and every script travel
     * readable. The resolver refuses this unless the host opted in, and the CLI warns on every run.
     */
    public boolean basicOverPlainHttp() {
        return connection == Connection.WINRM && scheme == Scheme.HTTP
                && (authTransport == AuthTransport.BASIC || authTransport == AuthTransport.PLAINTEXT);
    }

    /** {@code scheme://address:port/path}, for messages. Never includes credentials. */
    public String endpoint() {
        return scheme.name().toLowerCase() + "://" + address + ":" + port + path;
    }
}
