package io.authcert.facts;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * What the certificate itself says, read from its DER bytes ({@code RawData}): since the November 2023
 * Exchange security update ("Serialization Data Signing"), exported certificate objects may carry
 * nothing else. Thumbprint = SHA-1 of the DER, as Windows computes it.
 */
public record CertificateDer(String thumbprint, String subject, java.time.Instant notBefore, java.time.Instant notAfter,
                             int keySize, boolean selfSigned, List<String> dnsNames) {

    public CertificateDer {
        dnsNames = List.copyOf(dnsNames);
    }

    /** @throws IllegalArgumentException when the bytes are not an X.509 certificate */
    public static CertificateDer parse(byte[] der) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The JDK's text ("Could not parse certificate: java.io.IOException: Empty input") is for developers.
            throw new IllegalArgumentException("RawData is not an X.509 certificate (" + (der.length == 0 ? "it is empty"
                    : der.length + " bytes") + "): the export is damaged; export it again", e);
        }
        return new CertificateDer(
                sha1(der),
                windowsName(cert.getSubjectX500Principal()),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                keySize(cert.getPublicKey()),
                selfSigned(cert),
                dnsNames(cert));
    }

    static String sha1(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JVM", e);
        }
    }

    /** "CN=mail.contoso.com, O=Contoso, C=DE": the order and separator Windows shows. */
    static String windowsName(X500Principal principal) {
        return principal.getName(X500Principal.RFC1779, Map.of("1.2.840.113549.1.9.1", "E", "2.5.4.5", "SERIALNUMBER"));
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    private static boolean selfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A malformed SAN extension leaves the domain list empty; the rest is still right.
        }
        return out;
    }
}
