package io.authcert.security.wsman;

/**
 * One side of an authenticated security context that encrypts WinRM bodies (MS-WSMV 2.2.9.1): an NTLM
 * session ({@code NtlmSession}) or a Kerberos context ({@code KerberosSealer}). Calls must come in the order messages travel.
 */
public interface MessageSealer {

    /** Encrypts and signs the next outgoing message. */
    SealedMessage seal(byte[] plaintext);

    /**
     * Decrypts the next incoming message and checks its signature.
     *
     * @throws MessageIntegrityException when the signature or sequence number does not match
     */
    byte[] unseal(SealedMessage sealed);
}
