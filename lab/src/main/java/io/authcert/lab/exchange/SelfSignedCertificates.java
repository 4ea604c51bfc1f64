package io.authcert.lab.exchange;

import io.authcert.lab.exchange.ExchangeCertificate.KeyStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Windows' {@code New-SelfSignedCertificate} (PKI module) on one server, after its reference
 * (learn.microsoft.com/powershell/module/pki/new-selfsignedcertificate): defaults, the stores it writes
 * to, and what the lab makes of the provider and export policy. What the lab does not simulate (other
 * key algorithms, smart cards, TPM, signers, most extensions) is refused with a message that says so,
 * never silently ignored.
 */
public final class SelfSignedCertificates {

    /** "The default value for this parameter is 10 minutes before the certificate was created." (-NotBefore) */
    public static final Duration DEFAULT_BACKDATING = Duration.ofMinutes(10);
    /** "The default value for this parameter is one year after the certificate was created." (-NotAfter) */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
    /** The default provider, a CNG key storage provider (reference, examples 3 to 5). */
    public static final String DEFAULT_PROVIDER = "Microsoft Software Key Storage Provider";
    /** The store Exchange reads; the only other one the cmdlet writes to is the user's {@code Cert:\CurrentUser\My}. */
    public static final String MACHINE_STORE = "Cert:\\LocalMachine\\My";
    public static final String USER_STORE = "Cert:\\CurrentUser\\My";

    /** The reference's providers the lab makes software keys for, and where each keeps them. */
    private static final Map<String, KeyStorage> PROVIDERS = Map.of(
            "microsoft software key storage provider", KeyStorage.CNG,
            "microsoft strong cryptographic provider", KeyStorage.CRYPTO_API,
            "microsoft enhanced cryptographic provider v1.0", KeyStorage.CRYPTO_API,
            "microsoft enhanced rsa and aes cryptographic provider", KeyStorage.CRYPTO_API,
            "microsoft base cryptographic provider v1.0", KeyStorage.CRYPTO_API,
            "microsoft rsa schannel cryptographic provider", KeyStorage.CRYPTO_API);
    private static final Set<Integer> KEY_LENGTHS = Set.of(1024, 2048, 3072, 4096);
    private static final Set<String> HASHES = Set.of("SHA1", "SHA256", "SHA384", "SHA512");
    /** Type SSLServerAuthentication (the default): Client Authentication and Server Authentication. */
    private static final List<String> SSL_SERVER_EKUS = List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");

    private SelfSignedCertificates() {
    }

    /**
     * The parameters the lab simulates; null for those not given. {@code type} is Custom or
     * SSLServerAuthentication; {@code keyExportPolicy} NonExportable, ExportableEncrypted or Exportable.
     */
    public record Request(String subject, List<String> dnsNames, String friendlyName, Instant notBefore, Instant notAfter,
            String keyAlgorithm, Integer keyLength, String keyExportPolicy, String keySpec, String provider,
            String hashAlgorithm, String certStoreLocation, String type, List<String> textExtensions) {
    }

    /**
     * Makes the certificate and puts it in {@code server}'s machine store when asked for
     * {@code Cert:\LocalMachine\My}; a certificate made for {@code Cert:\CurrentUser\My} is returned but
     * lands in the user's store, which Exchange never reads.
     */
    public static ExchangeCertificate create(Organisation org, ExchangeServer server, Request r) {
        boolean machine = store(r.certStoreLocation());
        KeyStorage storage = storage(r.provider());
        String algorithm = r.keyAlgorithm() == null ? "RSA" : r.keyAlgorithm();
        if (!algorithm.equalsIgnoreCase("RSA")) {
            throw notSimulated("-KeyAlgorithm '" + algorithm + "' (the lab makes RSA keys only; the Auth certificate is RSA)");
        }
        int keyLength = r.keyLength() == null ? 2048 : r.keyLength();
        if (!KEY_LENGTHS.contains(keyLength)) {
            throw notSimulated("-KeyLength " + keyLength + " (the lab makes RSA keys of 1024, 2048, 3072 or 4096 bits)");
        }
        String hash = r.hashAlgorithm() == null ? "SHA256" : r.hashAlgorithm().toUpperCase(Locale.ROOT);
        if (!HASHES.contains(hash)) {
            throw new ExchangeException("The hash algorithm '" + r.hashAlgorithm()
                    + "' is unknown (the lab's wording; it knows SHA1, SHA256, SHA384 and SHA512).", "NotSpecified",
                    "System.Exception,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
        }
        List<String> dns = new ArrayList<>(r.dnsNames() == null ? List.of() : r.dnsNames());
        String subject = subject(r.subject(), dns);
        List<String> ekus = new ArrayList<>("Custom".equalsIgnoreCase(r.type()) ? List.of() : SSL_SERVER_EKUS);
        for (String extension : r.textExtensions() == null ? List.<String>of() : r.textExtensions()) {
            TextExtension.apply(extension, ekus, dns);
        }
        Instant now = org.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = r.notBefore() != null ? r.notBefore() : now.minus(DEFAULT_BACKDATING);
        Instant notAfter = r.notAfter() != null ? r.notAfter() : now.plus(DEFAULT_LIFETIME);
        if (!notAfter.isAfter(notBefore)) {
            throw new ExchangeException("The certificate's NotAfter (" + notAfter
                    + ") isn't after its NotBefore (" + notBefore + ") (the lab's wording).", "NotSpecified",
                    "System.Exception,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
        }
        ExchangeCertificate certificate;
        try {
            certificate = CertificateMaker.selfSigned(new CertificateMaker.Spec(subject, dns, notBefore, notAfter, keyLength,
                    hash, ekus), r.friendlyName() == null ? "" : r.friendlyName(), exportable(r.keyExportPolicy()),
                    AllowedServices.NONE, storage);
        } catch (IllegalArgumentException e) {
            throw new ExchangeException(e.getMessage(), "InvalidArgument",
                    "System.ArgumentException,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
        }
        if (machine) {
            org.putCertificate(server, certificate);
        }
        return certificate;
    }

    /**
     * "This cmdlet prefixes CN= to any value that does not contain an equal sign"; without -Subject, "the
     * first DNS name is also saved as the Subject Name".
     */
    static String subject(String given, List<String> dns) {
        if (given != null && !given.isBlank()) {
            return given.contains("=") ? given : "CN=" + given;
        }
        if (!dns.isEmpty()) {
            return "CN=" + dns.get(0);
        }
        throw notSimulated("a certificate without -Subject or -DnsName (Windows makes one with an empty subject)");
    }

    /** True for Cert:\LocalMachine\My, false for Cert:\CurrentUser\My; any other store is refused. */
    static boolean store(String location) {
        if (location == null) {
            // Over WinRM the current location is the file system, where the reference says: "you must specify".
            throw new ExchangeException("-CertStoreLocation is required here: the current location is not Cert:\\CurrentUser"
                    + " or Cert:\\LocalMachine. Specify Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My.", "InvalidArgument",
                    "System.ArgumentException,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
        }
        String normal = location.replace('/', '\\').replaceAll("\\\\+$", "").replaceFirst("(?i)^cert:(?!\\\\)", "Cert:\\\\");
        if (normal.equalsIgnoreCase(MACHINE_STORE)) {
            return true;
        }
        if (normal.equalsIgnoreCase(USER_STORE)) {
            return false;
        }
        throw new ExchangeException("The store " + location + " isn't supported: specify Cert:\\CurrentUser\\My or"
                + " Cert:\\LocalMachine\\My.", "InvalidArgument",
                "System.ArgumentException,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
    }

    static KeyStorage storage(String provider) {
        String name = provider == null ? DEFAULT_PROVIDER : provider;
        KeyStorage storage = PROVIDERS.get(name.trim().toLowerCase(Locale.ROOT));
        if (storage == null) {
            throw notSimulated("-Provider '" + name + "' (the lab makes software keys with " + DEFAULT_PROVIDER
                    + " or a Microsoft CryptoAPI provider such as Microsoft Enhanced RSA and AES Cryptographic Provider)");
        }
        return storage;
    }

    /**
     * Exportable and ExportableEncrypted (the default) both let the key leave in a password-protected PFX,
     * which is what Export-ExchangeCertificate writes; NonExportable does not. (ExportableEncrypted only
     * refuses plain-text export, which nothing here does: an inference from the names of CNG's
     * NCRYPT_ALLOW_EXPORT_FLAG and NCRYPT_ALLOW_PLAINTEXT_EXPORT_FLAG.)
     */
    static boolean exportable(String policy) {
        return policy == null || !policy.equalsIgnoreCase("NonExportable");
    }

    static ExchangeException notSimulated(String what) {
        return new ExchangeException("New-SelfSignedCertificate in the lab does not simulate " + what + ".",
                "NotImplemented", "NotSimulated,Microsoft.CertificateServices.Commands.NewSelfSignedCertificateCommand");
    }
}
