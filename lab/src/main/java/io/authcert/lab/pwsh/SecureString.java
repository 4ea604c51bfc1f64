package io.authcert.lab.pwsh;

/** A {@code System.Security.SecureString} (from ConvertTo-SecureString); prints its type name, never its text. */
public final class SecureString {

    private final String plain;

    public SecureString(String plain) {
        this.plain = plain;
    }

    /** The clear text, for cmdlets that need it (Import-ExchangeCertificate -Password). */
    public String reveal() {
        return plain;
    }

    @Override
    public String toString() {
        return "System.Security.SecureString";
    }
}
