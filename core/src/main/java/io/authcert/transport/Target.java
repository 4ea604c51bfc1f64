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
        MessageEncryption messageEncryption) {

    public enum Connection { WINRM, LOCAL }

    public enum Scheme { HTTP, HTTPS }

    /** {@code ansible_winrm_transport}; BASIC, KERBEROS and NTLM are supported by the WinRM client. */
    public enum AuthTransport { BASIC, KERBEROS, NTLM, CREDSSP, CERTIFICATE, PLAINTEXT }

    /** {@code ansible_winrm_message_encryption}, with pywinrm's meaning: AUTO encrypts over HTTP, not over HTTPS. */
    public enum MessageEncryption { AUTO, ALWAYS, NEVER }

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
    }

    /** True when WinRM bodies are to be sealed by the authentication (NTLM): always, or auto over HTTP. */
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
