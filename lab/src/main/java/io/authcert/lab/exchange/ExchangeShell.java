package io.authcert.lab.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Exchange Management Shell's certificate and Auth-configuration cmdlets as seen from one server:
 * the behaviour and validation of the real cmdlets, in plain Java (the PowerShell adapters only bind
 * parameters and format objects). Every method throws {@link ExchangeException} the way the real
 * cmdlet fails, and changes nothing when it does.
 */
public final class ExchangeShell {

    /**
     * Set-AuthConfig refuses an effective date before the current time; this much wall-clock time (as
     * simulated time at the lab's speed) stands for the moment between {@code (Get-Date)} and the
     * call, which real Exchange accepts (KB 2617816 passes {@code (Get-Date)}). Not Exchange's figure:
     * Microsoft documents none; a date 15 seconds old was refused (CSS-Exchange PR #1888).
     */
    public static final Duration EFFECTIVE_DATE_CALL_ALLOWANCE = Duration.ofSeconds(1);
    /** Exchange's own words for an effective date in the past (CSS-Exchange PR #1888). */
    public static final String EFFECTIVE_DATE_INVALID =
            "The new certificate effective date is invalid. The effective date must be greater than the current time.";
    /** New-ExchangeCertificate -FriendlyName "must be less than 64 characters" (New-ExchangeCertificate reference). */
    public static final int FRIENDLY_NAME_LIMIT = 64;
    /** An effective date closer than this needs confirmation (or -Force): servers need time to get the certificate. */
    public static final Duration STAGING_WINDOW = Duration.ofHours(48);
    /** Validity of a self-signed certificate made by New-ExchangeCertificate. */
    public static final Duration SELF_SIGNED_LIFETIME = Duration.ofDays(5 * 365);

    /** The New-ExchangeCertificate reference's valid -KeySize values. */
    private static final Set<Integer> KEY_SIZES = Set.of(1024, 2048, 4096);

    private final Organisation org;
    private final ExchangeServer local;

    public ExchangeShell(Organisation org, ExchangeServer local) {
        this.org = org;
        this.local = local;
    }

    public Organisation organisation() {
        return org;
    }

    public ExchangeServer localServer() {
        return local;
    }

    // ---- Get-/Set-AuthConfig ---------------------------------------------------------------------

    public AuthConfig getAuthConfig() {
        requireNotEdge("Get-AuthConfig");
        return org.authConfigSeenBy(local);
    }

    /** The parameters of Set-AuthConfig; null or false for those not given. */
    public record SetAuthConfigRequest(String newCertificateThumbprint, Instant newCertificateEffectiveDate,
            String certificateThumbprint, boolean publishCertificate, boolean clearPreviousCertificate,
            String realm, String serviceName, String server, boolean force, boolean skipImmediateCertificateDeployment) {

        public static SetAuthConfigRequest stageNext(String thumbprint, Instant effective, boolean force) {
            return new SetAuthConfigRequest(thumbprint, effective, null, false, false, null, null, null, force, false);
        }

        public static SetAuthConfigRequest publish() {
            return new SetAuthConfigRequest(null, null, null, true, false, null, null, null, false, false);
        }

        public static SetAuthConfigRequest clearPrevious() {
            return new SetAuthConfigRequest(null, null, null, false, true, null, null, null, false, false);
        }
    }

    public void setAuthConfig(SetAuthConfigRequest r) {
        requireNotEdge("Set-AuthConfig");
        boolean stageSet = r.newCertificateThumbprint() != null || r.newCertificateEffectiveDate() != null;
        boolean currentSet = r.certificateThumbprint() != null;
        boolean publishSet = r.publishCertificate() || r.clearPreviousCertificate();
        boolean realmSet = r.realm() != null || r.serviceName() != null;
        int sets = (stageSet ? 1 : 0) + (currentSet ? 1 : 0) + (publishSet ? 1 : 0) + (realmSet ? 1 : 0);
        if (sets > 1) {
            throw new ExchangeException("Parameter set cannot be resolved using the specified named parameters.",
                    "InvalidArgument", "AmbiguousParameterSet,Set-AuthConfig");
        }
        AuthConfig config = org.authConfigSeenBy(local);
        Instant now = org.clock().instant();
        if (stageSet) {
            if (r.newCertificateThumbprint() == null || r.newCertificateEffectiveDate() == null) {
                throw new ExchangeException("Both NewCertificateThumbprint and NewCertificateEffectiveDate must be specified"
                        + " to configure the next certificate.", "InvalidArgument", "SetAuthConfig.MissingParameter,Set-AuthConfig");
            }
            String thumbprint = normaliseThumbprint(r.newCertificateThumbprint());
            Instant effective = r.newCertificateEffectiveDate();
            // Both are .NET DateTimes on a real server: compared at its 100-nanosecond tick.
            Instant ticksNow = now.minusNanos(now.getNano() % 100);
            if (effective.isBefore(ticksNow.minus(org.clock().simulated(EFFECTIVE_DATE_CALL_ALLOWANCE)))) {
                throw new ExchangeException(EFFECTIVE_DATE_INVALID, "InvalidArgument",
                        "SetAuthConfig.EffectiveDateInPast,Set-AuthConfig");
            }
            if (thumbprint.equals(config.currentThumbprint())) {
                throw new ExchangeException("The new certificate thumbprint " + thumbprint
                        + " is the same as the current certificate thumbprint.", "InvalidArgument",
                        "SetAuthConfig.SameCertificate,Set-AuthConfig");
            }
            ExchangeCertificate certificate = usableCertificate(thumbprint, r.server(), now);
            if (!certificate.notAfter().isAfter(effective)) {
                throw new ExchangeException("The certificate with thumbprint " + thumbprint + " expires on "
                        + certificate.notAfter() + ", before its effective date " + effective + ".", "InvalidArgument",
                        "SetAuthConfig.CertificateExpiresBeforeEffectiveDate,Set-AuthConfig");
            }
            if (effective.isBefore(now.plus(STAGING_WINDOW)) && !r.force()) {
                // "The new certificate's effective date is less than 48 hours away... Do you want to continue?"
                throw ExchangeException.confirmationRequired("Set-AuthConfig");
            }
            org.writeAuthConfig(local, config.withNext(thumbprint, effective));
        } else if (currentSet) {
            String thumbprint = normaliseThumbprint(r.certificateThumbprint());
            if (thumbprint.equals(config.currentThumbprint())) {
                throw new ExchangeException("The new certificate thumbprint " + thumbprint
                        + " is the same as the current certificate thumbprint.", "InvalidArgument",
                        "SetAuthConfig.SameCertificate,Set-AuthConfig");
            }
            usableCertificate(thumbprint, r.server(), now);
            if (!r.force()) {
                throw ExchangeException.confirmationRequired("Set-AuthConfig");
            }
            org.writeAuthConfig(local, config.withCurrent(thumbprint));
        } else if (publishSet) {
            AuthConfig updated = config;
            if (r.publishCertificate()) {
                if (config.nextThumbprint() == null) {
                    throw new ExchangeException("There is no next certificate configured to publish."
                            + " Use Set-AuthConfig -NewCertificateThumbprint to configure one first.", "InvalidOperation",
                            "SetAuthConfig.NoNextCertificate,Set-AuthConfig");
                }
                updated = updated.published();
            }
            if (r.clearPreviousCertificate()) {
                updated = updated.withoutPrevious();
            }
            org.writeAuthConfig(local, updated);
        } else if (realmSet) {
            org.writeAuthConfig(local, config.withServiceNameAndRealm(
                    r.serviceName() != null ? r.serviceName() : config.serviceName(),
                    r.realm() != null ? r.realm() : config.realm()));
        } else {
            // Set-AuthConfig with no parameter changes nothing (Exchange warns that nothing was modified).
        }
    }

    private ExchangeCertificate usableCertificate(String thumbprint, String serverName, Instant now) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        ExchangeCertificate certificate = org.certificateOn(where, thumbprint).orElseThrow(() -> new ExchangeException(
                "The certificate with thumbprint " + thumbprint + " was not found on server " + where.name().toUpperCase(Locale.ROOT)
                        + ". Make sure the certificate is installed in the local computer's Personal certificate store.",
                "ObjectNotFound", "SetAuthConfig.CertificateNotFound,Set-AuthConfig"));
        if (!certificate.hasPrivateKey()) {
            throw new ExchangeException("The certificate with thumbprint " + thumbprint + " doesn't have a private key.",
                    "InvalidArgument", "SetAuthConfig.NoPrivateKey,Set-AuthConfig");
        }
        if (certificate.keyStorage() == ExchangeCertificate.KeyStorage.CNG) {
            // MEAC makes its own certificates with a CryptoAPI key: "the certificate can't be used as Auth
            // Certificate otherwise" (New-ExchangeSelfSignedCertificate.ps1). Where real Exchange fails is not
            // documented; the lab refuses it here (an inference; the wording is the lab's).
            throw new ExchangeException("The certificate with thumbprint " + thumbprint + " has a private key in a CNG key"
                    + " storage provider; the Auth certificate needs a CryptoAPI (CSP) key (the lab's wording).",
                    "InvalidArgument", "SetAuthConfig.CngPrivateKey,Set-AuthConfig");
        }
        if (!certificate.isValidAt(now)) {
            throw new ExchangeException("The certificate with thumbprint " + thumbprint
                    + " isn't valid now (valid from " + certificate.notBefore() + " to " + certificate.notAfter() + ").",
                    "InvalidArgument", "SetAuthConfig.CertificateNotValid,Set-AuthConfig");
        }
        return certificate;
    }

    // ---- Get-ExchangeServer ----------------------------------------------------------------------

    public List<ExchangeServer> getExchangeServer(String identity) {
        if (identity == null) {
            return org.servers();
        }
        return List.of(serverNamed(identity));
    }

    // ---- certificates ------------------------------------------------------------------------------

    public List<ExchangeCertificate> getExchangeCertificate(String thumbprint, String serverName) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        if (thumbprint == null) {
            return org.certificatesOn(where);
        }
        return List.of(certificateOrFail(where, thumbprint, "Get-ExchangeCertificate"));
    }

    /** The parameters of New-ExchangeCertificate; null for those not given. */
    public record NewCertificateRequest(Integer keySize, Boolean privateKeyExportable, String subjectName,
            String friendlyName, List<String> domainNames, String services, String server, boolean force) {
    }

    public ExchangeCertificate newExchangeCertificate(NewCertificateRequest r) {
        ExchangeServer where = r.server() == null ? local : serverNamed(r.server());
        int keySize = r.keySize() == null ? 2048 : r.keySize();
        if (!KEY_SIZES.contains(keySize)) {
            // Exchange's own wording is not documented; the valid values are.
            throw new ExchangeException("The key size " + keySize + " isn't valid for New-ExchangeCertificate."
                    + " Valid values are 1024, 2048 and 4096.", "InvalidArgument",
                    "ParameterArgumentValidationError,New-ExchangeCertificate");
        }
        if (r.friendlyName() != null && r.friendlyName().length() >= FRIENDLY_NAME_LIMIT) {
            throw new ExchangeException("The friendly name has " + r.friendlyName().length()
                    + " characters; it must be less than " + FRIENDLY_NAME_LIMIT + " characters.", "InvalidArgument",
                    "ParameterArgumentValidationError,New-ExchangeCertificate");
        }
        int services = r.services() == null ? AllowedServices.NEW_CERTIFICATE_DEFAULT : parseServices(r.services(), "New-ExchangeCertificate");
        List<String> domains = r.domainNames() != null ? r.domainNames() : List.of(where.name(), where.fqdn());
        String subject = r.subjectName() != null ? r.subjectName()
                : "CN=" + (domains.isEmpty() ? where.name() : domains.get(0));
        String friendlyName = r.friendlyName() != null ? r.friendlyName() : "Microsoft Exchange";
        boolean smtp = AllowedServices.has(services, AllowedServices.SMTP);
        String defaultSmtp = org.internalTransportCertificate(where);
        if (smtp && !r.force() && defaultSmtp != null && org.certificateOn(where, defaultSmtp).isPresent()) {
            // "Overwrite the existing default SMTP certificate?" cannot be answered over WinRM.
            throw ExchangeException.confirmationRequired("New-ExchangeCertificate");
        }
        Instant now = org.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        ExchangeCertificate certificate;
        try {
            certificate = CertificateMaker.selfSigned(subject, friendlyName, domains, now,
                    now.plus(SELF_SIGNED_LIFETIME), keySize, Boolean.TRUE.equals(r.privateKeyExportable()), services);
        } catch (IllegalArgumentException e) {
            throw new ExchangeException(e.getMessage(), "InvalidArgument", "InvalidSubjectName,New-ExchangeCertificate");
        }
        org.putCertificate(where, certificate);
        if (smtp) {
            // Forced (or nothing to overwrite): the new certificate becomes the default SMTP certificate.
            org.setInternalTransportCertificate(where, certificate.thumbprint());
        }
        return certificate;
    }

    /** Export-ExchangeCertificate: a PKCS#12 (PFX) with the private key when a password is given, else the DER certificate. */
    public byte[] exportExchangeCertificate(String thumbprint, String serverName, char[] password) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        ExchangeCertificate c = certificateOrFail(where, thumbprint, "Export-ExchangeCertificate");
        try {
            if (password == null) {
                return c.x509().getEncoded();
            }
            if (!c.hasPrivateKey() || !c.privateKeyExportable()) {
                throw new ExchangeException("The private key of certificate " + c.thumbprint()
                        + " isn't exportable. Use New-ExchangeCertificate -PrivateKeyExportable $true to create an exportable certificate.",
                        "InvalidOperation", "ExportCertificate.PrivateKeyNotExportable,Export-ExchangeCertificate");
            }
            KeyStore pfx = KeyStore.getInstance("PKCS12");
            pfx.load(null, null);
            pfx.setKeyEntry(alias(c), c.privateKey(), password, new Certificate[] {c.x509()});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pfx.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new ExchangeException("The certificate couldn't be exported: " + e.getMessage(), "InvalidOperation",
                    "ExportCertificate.Failed,Export-ExchangeCertificate");
        }
    }

    /** Import-ExchangeCertificate from PFX (with password) or DER bytes. */
    public ExchangeCertificate importExchangeCertificate(byte[] fileData, char[] password, String serverName,
            boolean privateKeyExportable, String friendlyName) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        if (fileData == null || fileData.length == 0) {
            throw new ExchangeException("Cannot validate argument on parameter 'FileData'. The argument is null or empty.",
                    "InvalidData", "ParameterArgumentValidationError,Import-ExchangeCertificate");
        }
        ExchangeCertificate imported = password == null ? parseDer(fileData) : parsePfx(fileData, password, privateKeyExportable);
        if (friendlyName != null) {
            imported = new ExchangeCertificate(imported.x509(), imported.privateKey(), imported.privateKeyExportable(),
                    friendlyName, imported.services(), imported.keyStorage());
        }
        if (org.certificateOn(where, imported.thumbprint()).isPresent()) {
            throw new ExchangeException("The certificate with thumbprint " + imported.thumbprint()
                    + " already exists in the certificate store on server " + where.name().toUpperCase(Locale.ROOT) + ".",
                    "WriteError", "ImportCertificate.AlreadyExists,Import-ExchangeCertificate");
        }
        org.putCertificate(where, imported);
        return imported;
    }

    public void removeExchangeCertificate(String thumbprint, String serverName, boolean confirmed) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        ExchangeCertificate c = certificateOrFail(where, thumbprint, "Remove-ExchangeCertificate");
        if (!confirmed) {
            throw ExchangeException.confirmationRequired("Remove-ExchangeCertificate");
        }
        org.removeCertificate(where, c.thumbprint());
    }

    public ExchangeCertificate enableExchangeCertificate(String thumbprint, String services, String serverName, boolean force) {
        ExchangeServer where = serverName == null ? local : serverNamed(serverName);
        ExchangeCertificate c = certificateOrFail(where, thumbprint, "Enable-ExchangeCertificate");
        if (services == null) {
            throw new ExchangeException("Cannot process command because of one or more missing mandatory parameters: Services.",
                    "InvalidArgument", "MissingMandatoryParameter,Enable-ExchangeCertificate");
        }
        int add = parseServices(services, "Enable-ExchangeCertificate");
        if (!c.isValidAt(org.clock().instant())) {
            throw new ExchangeException("The certificate with thumbprint " + c.thumbprint()
                    + " has expired or isn't valid yet, and can't be enabled.", "InvalidOperation",
                    "EnableCertificate.InvalidDate,Enable-ExchangeCertificate");
        }
        String defaultSmtp = org.internalTransportCertificate(where);
        boolean otherDefault = defaultSmtp != null && !defaultSmtp.equals(c.thumbprint())
                && org.certificateOn(where, defaultSmtp).isPresent();
        boolean smtp = AllowedServices.has(add, AllowedServices.SMTP);
        if (smtp && otherDefault && !force) {
            // "Overwrite the existing default SMTP certificate?"
            throw ExchangeException.confirmationRequired("Enable-ExchangeCertificate");
        }
        ExchangeCertificate enabled = c.withServices(c.services() | add);
        org.putCertificate(where, enabled);
        if (smtp) {
            org.setInternalTransportCertificate(where, enabled.thumbprint());
        }
        return enabled;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    public ExchangeServer serverNamed(String identity) {
        return org.server(identity).orElseThrow(() -> new ExchangeException(
                "The operation couldn't be performed because object '" + identity + "' couldn't be found on 'dc01."
                        + org.domain() + "'.", "NotSpecified", "ManagementObjectNotFoundException"));
    }

    /**
     * The certificate in {@code where}'s store, or the error the cmdlets' RPC to the server's Exchange
     * Service Host gives (Microsoft Learn, "Maintain the OAuth certificate": "A special Rpc error occurs on
     * server <Servername>: The certificate with thumbprint <...> was not found."), an InvalidOperationException
     * as Microsoft's monitoring script tests for.
     */
    private ExchangeCertificate certificateOrFail(ExchangeServer where, String thumbprint, String cmdlet) {
        String t = normaliseThumbprint(thumbprint);
        return org.certificateOn(where, t).orElseThrow(() -> new ExchangeException(
                "A special Rpc error occurs on server " + where.name().toUpperCase(Locale.ROOT)
                        + ": The certificate with thumbprint " + t + " was not found.", "InvalidOperation",
                "[Server=" + where.name().toUpperCase(Locale.ROOT) + "] CertificateNotFound," + cmdlet));
    }

    private void requireNotEdge(String cmdlet) {
        if (local.isEdge()) {
            throw new ExchangeException("The term '" + cmdlet + "' is not recognized as the name of a cmdlet, function,"
                    + " script file, or operable program.", "ObjectNotFound", "CommandNotFoundException");
        }
    }

    private static int parseServices(String text, String cmdlet) {
        try {
            return AllowedServices.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExchangeException("Cannot bind parameter 'Services'. " + e.getMessage(), "InvalidArgument",
                    "CannotConvertArgumentNoMessage," + cmdlet);
        }
    }

    static String normaliseThumbprint(String thumbprint) {
        return thumbprint == null ? null : thumbprint.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static String alias(ExchangeCertificate c) {
        return c.friendlyName() == null || c.friendlyName().isEmpty() ? c.thumbprint() : c.friendlyName();
    }

    private static ExchangeCertificate parseDer(byte[] data) {
        try {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(data));
            return new ExchangeCertificate(x509, null, false, "", AllowedServices.NONE);
        } catch (GeneralSecurityException e) {
            throw new ExchangeException("The certificate data isn't valid: " + e.getMessage(), "InvalidData",
                    "ImportCertificate.InvalidData,Import-ExchangeCertificate");
        }
    }

    private static ExchangeCertificate parsePfx(byte[] data, char[] password, boolean exportable) {
        try {
            KeyStore pfx = KeyStore.getInstance("PKCS12");
            pfx.load(new ByteArrayInputStream(data), password);
            for (String alias : Collections.list(pfx.aliases())) {
                if (pfx.isKeyEntry(alias)) {
                    Key key = pfx.getKey(alias, password);
                    X509Certificate x509 = (X509Certificate) pfx.getCertificate(alias);
                    return new ExchangeCertificate(x509, (PrivateKey) key, exportable, alias, AllowedServices.NONE);
                }
            }
            List<String> aliases = new ArrayList<>(Collections.list(pfx.aliases()));
            if (!aliases.isEmpty()) {
                X509Certificate x509 = (X509Certificate) pfx.getCertificate(aliases.get(0));
                return new ExchangeCertificate(x509, null, false, aliases.get(0), AllowedServices.NONE);
            }
            throw new ExchangeException("The PFX data holds no certificate.", "InvalidData",
                    "ImportCertificate.InvalidData,Import-ExchangeCertificate");
        } catch (IOException e) {
            throw new ExchangeException("The password for the PFX data isn't correct, or the data isn't a PFX file.",
                    "InvalidArgument", "ImportCertificate.WrongPassword,Import-ExchangeCertificate");
        } catch (GeneralSecurityException e) {
            throw new ExchangeException("The certificate data isn't valid: " + e.getMessage(), "InvalidData",
                    "ImportCertificate.InvalidData,Import-ExchangeCertificate");
        }
    }
}
