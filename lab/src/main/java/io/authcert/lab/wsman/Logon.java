package io.authcert.lab.wsman;

/**
 * Who logged on over one connection, and how: what a Windows server's logon event (4624) names, kept so
 * authorisation and second-hop work can ask who a request runs as.
 *
 * @param method     {@code NTLM}, {@code Kerberos} (a raw Kerberos token) or {@code SPNEGO/Kerberos}
 * @param account    the lab's account as Windows writes it: {@code CONTOSO\\administrator}, or {@code EX01\\user}
 *                   for a server's local account
 * @param clientName the name the client authenticated as: {@code administrator@CONTOSO.LOCAL} (Kerberos),
 *                   {@code CONTOSO\\administrator} (NTLM, as the client spelled it)
 * @param delegated  whether the client delegated its credentials (Kerberos: a forwarded TGT)
 */
public record Logon(String method, String account, String clientName, boolean delegated) {
}
