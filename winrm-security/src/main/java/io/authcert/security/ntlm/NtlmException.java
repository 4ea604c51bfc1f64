package io.authcert.security.ntlm;

/** A malformed NTLM message or a failed authentication; it never carries a password or a key. */
public class NtlmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NtlmException(String message) {
        super(message);
    }
}
