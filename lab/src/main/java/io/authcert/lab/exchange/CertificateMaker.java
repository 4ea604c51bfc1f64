package io.authcert.lab.exchange;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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
        KeyPair keys = KeyPool.take(keySize);
        try {
            X500Name name = new X500Name(normaliseSubject(subject));
            BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet()).shiftLeft(16)
                    .or(BigInteger.valueOf(System.identityHashCode(keys) & 0xffff));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!domains.isEmpty()) {
                GeneralName[] names = domains.stream().map(d -> new GeneralName(GeneralName.dNSName, d))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new ExchangeCertificate(certificate, keys.getPrivate(), exportable, friendlyName, services);
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
