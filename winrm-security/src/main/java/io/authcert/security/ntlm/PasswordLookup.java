package io.authcert.security.ntlm;

import java.util.Optional;

/**
 * Where a server finds the password of an account, by the domain and user exactly as the client sent
 * them ({@code user} may be a UPN such as {@code user@contoso.local} with an empty domain).
 */
@FunctionalInterface
public interface PasswordLookup {

    /** The password, or empty when there is no such account; the caller wipes the returned array. */
    Optional<char[]> password(String domain, String user);
}
