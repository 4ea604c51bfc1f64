package io.authcert.playbook.modules;

import java.time.Duration;
import java.util.List;

/**
 * {@code exchange_auth_certificate}: the desired state of the organisation's Auth certificate, its
 * whole lifecycle. Defaults equal {@code playbooks/auth-certificate.yml} and Microsoft's own
 * monitoring script.
 *
 * @param primary      the server that runs organisation-wide steps; null means the first reachable
 *                     Mailbox server in host order
 * @param lifetimeDays days a new certificate is valid; {@link #EXCHANGE_LIFETIME} (0) leaves it to
 *                     New-ExchangeCertificate (5 years), as MEAC's {@code -CustomCertificateLifetimeInDays 0}
 */
public record AuthCertificateSpec(
        String subject,
        String friendlyName,
        int keySize,
        List<String> domainNames,
        int renewBeforeDays,
        int stageDays,
        Rotation rotation,
        Distribute distribute,
        Duration replicationTimeout,
        boolean clearPrevious,
        HybridPolicy hybrid,
        UnreachablePolicy unreachable,
        String primary,
        int lifetimeDays) implements ModuleSpec {

    public static final String MODULE = "exchange_auth_certificate";
    public static final String DEFAULT_SUBJECT = "CN=Microsoft Exchange Server Auth Certificate";
    public static final String DEFAULT_FRIENDLY_NAME = "Microsoft Exchange Server Auth Certificate";
    /** New-ExchangeCertificate: the friendly name "must be less than 64 characters" (Microsoft's cmdlet reference). */
    public static final int EXCHANGE_FRIENDLY_NAME_LIMIT = 63;
    /** What a plan appends to name the certificate it creates, so later steps find it: " - yyyyMMddHHmmss". */
    public static final int CREATED_NAME_SUFFIX = " - yyyyMMddHHmmss".length();
    /** The longest friendly_name whose created certificates Exchange still takes. */
    public static final int MAX_FRIENDLY_NAME = EXCHANGE_FRIENDLY_NAME_LIMIT - CREATED_NAME_SUFFIX;

    /** lifetime_days 0: New-ExchangeCertificate's own lifetime, which it takes no parameter for: 5 years. */
    public static final int EXCHANGE_LIFETIME = 0;
    /** The longest lifetime_days: Exchange's own 5 years (1826 days with a leap day), never longer. */
    public static final int MAX_LIFETIME_DAYS = 1826;

    public enum Rotation { AUTO, STAGED, IMMEDIATE }

    public enum Distribute { WAIT, IMPORT }

    public enum HybridPolicy { STOP, ACKNOWLEDGE }

    public enum UnreachablePolicy { STOP, SKIP }

    public AuthCertificateSpec {
        domainNames = domainNames == null ? List.of() : List.copyOf(domainNames);
    }

    /** A desired state with New-ExchangeCertificate's own lifetime. */
    public AuthCertificateSpec(String subject, String friendlyName, int keySize, List<String> domainNames, int renewBeforeDays,
            int stageDays, Rotation rotation, Distribute distribute, Duration replicationTimeout, boolean clearPrevious,
            HybridPolicy hybrid, UnreachablePolicy unreachable, String primary) {
        this(subject, friendlyName, keySize, domainNames, renewBeforeDays, stageDays, rotation, distribute, replicationTimeout,
                clearPrevious, hybrid, unreachable, primary, EXCHANGE_LIFETIME);
    }

    /** The standard desired state. */
    public static AuthCertificateSpec defaults() {
        return new AuthCertificateSpec(DEFAULT_SUBJECT, DEFAULT_FRIENDLY_NAME, 2048, List.of(), 60, 30,
                Rotation.AUTO, Distribute.WAIT, Duration.ofHours(2), true, HybridPolicy.STOP,
                UnreachablePolicy.STOP, null);
    }

    @Override
    public String moduleName() {
        return MODULE;
    }
}
