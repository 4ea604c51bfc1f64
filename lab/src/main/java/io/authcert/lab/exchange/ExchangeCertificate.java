package io.authcert.lab.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * One certificate in a server's store, as Exchange sees it: the real X.509 certificate, its private
 * key (absent after an import without one), where Windows keeps that key, and the Exchange-side
 * properties (friendly name, enabled services). Immutable; enabling services yields a new value.
 */
public record ExchangeCertificate(X509Certificate x509, PrivateKey privateKey, boolean privateKeyExportable,
        String friendlyName, int services, KeyStorage keyStorage) {

    /**
     * Where Windows keeps the private key: a legacy CryptoAPI provider (CSP), as New-ExchangeCertificate
     * and MEAC's {@code UseRSACryptoServiceProvider} make it, or a CNG key storage provider (KSP), the
     * default of New-SelfSignedCertificate ("Microsoft Software Key Storage Provider").
     */
    public enum KeyStorage { CRYPTO_API, CNG }

    /** A certificate whose key (if any) is in a CryptoAPI provider: New-ExchangeCertificate's, a scenario's, an import's. */
    public ExchangeCertificate(X509Certificate x509, PrivateKey privateKey, boolean privateKeyExportable,
            String friendlyName, int services) {
        this(x509, privateKey, privateKeyExportable, friendlyName, services, KeyStorage.CRYPTO_API);
    }

    /** SHA-1 of the DER encoding in upper-case hex, as Windows shows thumbprints. */
    public String thumbprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(x509.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String subject() {
        return x509.getSubjectX500Principal().getName(X500Principal.RFC1779);
    }

    public String issuer() {
        return x509.getIssuerX500Principal().getName(X500Principal.RFC1779);
    }

    public Instant notBefore() {
        return x509.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return x509.getNotAfter().toInstant();
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    public boolean isSelfSigned() {
        return x509.getSubjectX500Principal().equals(x509.getIssuerX500Principal());
    }

    public int publicKeySize() {
        return x509.getPublicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    /** Valid at {@code now}: inside NotBefore..NotAfter. */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore()) && !now.isAfter(notAfter());
    }

    /** Exchange's CertificateStatus: Valid, or DateInvalid outside the validity period. */
    public String status(Instant now) {
        return isValidAt(now) ? "Valid" : "DateInvalid";
    }

    /** The DNS names of the subject alternative name extension (empty for the Auth certificate). */
    public List<String> domains() {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = x509.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (Integer.valueOf(2).equals(n.get(0))) {
                        out.add(String.valueOf(n.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate the lab made always parses; an imported odd one simply shows no domains.
        }
        return out;
    }

    public ExchangeCertificate withServices(int newServices) {
        return new ExchangeCertificate(x509, privateKey, privateKeyExportable, friendlyName, newServices, keyStorage);
    }
}
