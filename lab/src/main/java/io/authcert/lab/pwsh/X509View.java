package io.authcert.lab.pwsh;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * {@code [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([byte[]]$raw)}: a certificate
 * read from its DER bytes alone, as .NET shows it (Thumbprint: the SHA-1 of the bytes in upper-case hex;
 * Subject and Issuer most specific first, ", " between; NotBefore and NotAfter local DateTimes; no private key).
 */
final class X509View {

    private X509View() {
    }

    static PsObject of(byte[] der, ZoneId zone) {
        try {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            String thumbprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der)).toUpperCase(Locale.ROOT);
            String subject = x.getSubjectX500Principal().getName(X500Principal.RFC1779);
            return new PsObject("System.Security.Cryptography.X509Certificates.X509Certificate2")
                    .set("Thumbprint", thumbprint)
                    .set("Subject", subject)
                    .set("Issuer", x.getIssuerX500Principal().getName(X500Principal.RFC1779))
                    .set("NotBefore", PsDateTime.local(x.getNotBefore().toInstant(), zone))
                    .set("NotAfter", PsDateTime.local(x.getNotAfter().toInstant(), zone))
                    .set("HasPrivateKey", false)
                    .set("FriendlyName", "")
                    .set("SerialNumber", x.getSerialNumber().toString(16).toUpperCase(Locale.ROOT))
                    .set("RawData", der)
                    .withToString("[Subject]\r\n  " + subject + "\r\n\r\n[Thumbprint]\r\n  " + thumbprint + "\r\n");
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Cannot find the requested object.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
