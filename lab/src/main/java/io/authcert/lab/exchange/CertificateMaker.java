package io.authcert.lab.exchange;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes real self-signed X.509 certificates (RSA, SHA-256) the way New-ExchangeCertificate does. */
public final class CertificateMaker {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private CertificateMaker() {
    }

    /**
     * A self-signed certificate with its private key.
     *
     * @param subject   an X.500 name such as {@code CN=Microsoft Exchange Server Auth Certificate}
     * @param domains   subject alternative DNS names (may be empty, as for the Auth certificate)
     */
    public static ExchangeCertificate selfSigned(String subject, String friendlyName, List<String> domains,
            Instant notBefore, Instant notAfter, int keySize, boolean exportable, int services) {
        return selfSigned(new Spec(subject, domains, notBefore, notAfter, keySize, "SHA256", List.of()),
                friendlyName, exportable, services, ExchangeCertificate.KeyStorage.CRYPTO_API);
    }

    /**
     * What goes into a certificate: subject, DNS names, validity, RSA key size, the hash it is signed with
     * (SHA1, SHA256, SHA384, SHA512) and extended key usages (OIDs; none: no extension).
     */
    public record Spec(String subject, List<String> domains, Instant notBefore, Instant notAfter, int keySize,
            String hashAlgorithm, List<String> extendedKeyUsages) {
    }

    /** A self-signed certificate made from {@code spec}, with its private key kept in {@code storage}. */
    public static ExchangeCertificate selfSigned(Spec spec, String friendlyName, boolean exportable, int services,
            ExchangeCertificate.KeyStorage storage) {
        KeyPair keys = KeyPool.take(spec.keySize());
        String subject = spec.subject();
        try {
            X500Name name = new X500Name(normaliseSubject(subject));
            BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet()).shiftLeft(16)
                    .or(BigInteger.valueOf(System.identityHashCode(keys) & 0xffff));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), name, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!spec.extendedKeyUsages().isEmpty()) {
                KeyPurposeId[] purposes = spec.extendedKeyUsages().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new);
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
            if (!spec.domains().isEmpty()) {
                GeneralName[] names = spec.domains().stream().map(d -> new GeneralName(GeneralName.dNSName, d))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String signature = spec.hashAlgorithm().toUpperCase(java.util.Locale.ROOT) + "withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
            return new ExchangeCertificate(certificate, keys.getPrivate(), exportable, friendlyName, services, storage);
        } catch (CertIOException | OperatorCreationException | CertificateException
                | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot make a certificate for " + subject + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The subject name '" + subject + "' is not a valid X.500 distinguished name.", e);
        }
    }

    /** Exchange accepts {@code cn=...} in any case; BouncyCastle wants known attribute names. */
    private static String normaliseSubject(String subject) {
        return subject == null || subject.isBlank() ? "CN=localhost" : subject.trim();
    }
}
