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
        String powershellExecutable) {

    public enum Connection { WINRM, LOCAL }

    public enum Scheme { HTTP, HTTPS }

    /** {@code ansible_winrm_transport}; only BASIC and KERBEROS are supported by the WinRM client. */
    public enum AuthTransport { BASIC, KERBEROS, NTLM, CREDSSP, CERTIFICATE, PLAINTEXT }

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
    }

    /** {@code scheme://address:port/path}, for messages. Never includes credentials. */
    public String endpoint() {
        return scheme.name().toLowerCase() + "://" + address + ":" + port + path;
    }
}
