package io.authcert.lab.exchange;

import java.time.Instant;

/**
 * The organisation's Auth configuration as stored in Active Directory (what Get-AuthConfig shows).
 * Thumbprints are upper-case hex or null.
 */
public record AuthConfig(String currentThumbprint, String previousThumbprint, String nextThumbprint,
        Instant nextEffectiveDate, String serviceName, String realm, String distinguishedName) {

    /** The well-known service principal name of Exchange's OAuth partner application. */
    public static final String EXCHANGE_SERVICE_NAME = "00000002-0000-0ff1-ce00-000000000000";

    /** The distinguished name of the Auth configuration object in the organisation's configuration partition. */
    public static String distinguishedNameFor(String organisation, String domain) {
        StringBuilder dc = new StringBuilder();
        for (String part : domain.split("\\.")) {
            dc.append(",DC=").append(part);
        }
        return "CN=Auth Configuration,CN=" + organisation
                + ",CN=Microsoft Exchange,CN=Services,CN=Configuration" + dc;
    }

    public AuthConfig withNext(String thumbprint, Instant effective) {
        return new AuthConfig(currentThumbprint, previousThumbprint, thumbprint, effective, serviceName, realm,
                distinguishedName);
    }

    public AuthConfig withCurrent(String thumbprint) {
        return new AuthConfig(thumbprint, previousThumbprint, nextThumbprint, nextEffectiveDate, serviceName, realm,
                distinguishedName);
    }

    /** Publish: the next certificate becomes current, the current one previous, next is cleared. */
    public AuthConfig published() {
        return new AuthConfig(nextThumbprint, currentThumbprint, null, null, serviceName, realm, distinguishedName);
    }

    public AuthConfig withoutPrevious() {
        return new AuthConfig(currentThumbprint, null, nextThumbprint, nextEffectiveDate, serviceName, realm,
                distinguishedName);
    }

    public AuthConfig withServiceNameAndRealm(String newServiceName, String newRealm) {
        return new AuthConfig(currentThumbprint, previousThumbprint, nextThumbprint, nextEffectiveDate,
                newServiceName, newRealm, distinguishedName);
    }
}
