package io.authcert.lab.wsman;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import io.authcert.security.cbt.ChannelBindings;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's own certificate authority and the one server certificate (for {@code 127.0.0.1} and
 * {@code localhost}) all HTTPS endpoints present. Clients trust the lab by trusting {@link #caPem()}.
 */
public final class LabTls {

    private final X509Certificate ca;
    private final X509Certificate server;
    private final ChannelBindings channelBindings;
    private final SSLContext context;

    private LabTls(X509Certificate ca, X509Certificate server, SSLContext context) {
        this.ca = ca;
        this.server = server;
        this.channelBindings = ChannelBindings.tlsServerEndPoint(server).orElseThrow(() ->
                new IllegalStateException("the lab's server certificate has no tls-server-end-point bindings"));
        this.context = context;
    }

    /** Generates a fresh CA and server certificate (ECDSA P-256: quick to generate; valid one year). */
    public static LabTls generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(256);
            KeyPair caKeys = gen.generateKeyPair();
            KeyPair serverKeys = gen.generateKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date to = Date.from(now.plus(Duration.ofDays(365)));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X500Name caName = new X500Name("CN=authcert lab CA");
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(caBuilder, caKeys);
            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(ca, serial(), from, to,
                    new X500Name("CN=127.0.0.1"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate server = sign(serverBuilder, caKeys);
            char[] pass = "lab".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKeys.getPrivate(), pass, new X509Certificate[] {server, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return new LabTls(ca, server, ctx);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the lab's TLS certificates: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** The CA certificate in PEM form, for {@code ansible_winrm_ca_trust_path} or pywinrm's {@code ca_trust_path}. */
    public String caPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(ca);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The certificate every HTTPS endpoint presents. */
    public X509Certificate serverCertificate() {
        return server;
    }

    /**
     * The tls-server-end-point bindings of {@link #serverCertificate()} (SHA-256: it is signed with
     * SHA256withECDSA), which NTLM logons over HTTPS are checked against.
     */
    public ChannelBindings channelBindings() {
        return channelBindings;
    }

    SSLContext serverContext() {
        return context;
    }
}
