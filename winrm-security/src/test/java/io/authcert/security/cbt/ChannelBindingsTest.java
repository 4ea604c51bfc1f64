package io.authcert.security.cbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 5929's hash choice and the struct NTLM hashes, against values computed outside Java: the
 * certificate hash by requests_ntlm's own {@code _get_certificate_hash} (python3-requests-ntlm 1.1.0)
 * and the MD5 by ntlm-auth's {@code GssChannelBindingsStruct} with {@code hashlib.md5}, exactly the calls
 * pywinrm makes over HTTPS:
 *
 * <pre>
 * der = ssl.PEM_cert_to_DER_cert(open(f).read()); h = _get_certificate_hash(der)
 * cbt = GssChannelBindingsStruct(); cbt[cbt.APPLICATION_DATA] = b'tls-server-end-point:' + base64.b16decode(h)
 * hashlib.md5(cbt.get_data()).hexdigest()
 * </pre>
 *
 * The certificates in {@code src/test/resources/cbt} are self-signed ones made with {@code openssl req -x509}.
 * For the RSASSA-PSS one requests_ntlm finds no hash (it warns and sends no bindings), so its values
 * were computed by hand: {@code hashlib.sha512(der)} and {@code struct.pack('<LLLLL', 0, 0, 0, 0, len(app)) + app}.
 */
class ChannelBindingsTest {

    private static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = ChannelBindingsTest.class.getResourceAsStream("/cbt/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static ChannelBindings of(String name) throws Exception {
        return ChannelBindings.tlsServerEndPoint(certificate(name)).orElseThrow();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String certificateHash(ChannelBindings b) {
        byte[] data = b.applicationData();
        return hex(Arrays.copyOfRange(data, "tls-server-end-point:".length(), data.length));
    }

    @Test
    void aSha1SignedCertificateIsHashedWithSha256() throws Exception {
        ChannelBindings b = of("rsa-sha1.pem");
        assertThat(b.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(certificateHash(b)).isEqualTo("f32c99eabdc745274173dce7d18e7af1f2cd86e91b28d0fad45ad14a68387bd0");
        assertThat(hex(b.md5())).isEqualTo("d14945cbb92a040214aedc2ece9e93f8");
    }

    @Test
    void aSha256SignedCertificateIsHashedWithSha256() throws Exception {
        ChannelBindings b = of("rsa-sha256.pem");
        assertThat(b.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(certificateHash(b)).isEqualTo("9bdad1895797e1bb3bbfe1d171f39616d6619033b28b1a0d98c1f470ff8a0c73");
        assertThat(hex(b.md5())).isEqualTo("8a337b2e7d999f6569b8c8bd3982fe56");
    }

    @Test
    void anEcdsaSha384SignedCertificateIsHashedWithSha384() throws Exception {
        ChannelBindings b = of("ecdsa-sha384.pem");
        assertThat(b.hashAlgorithm()).isEqualTo("SHA-384");
        assertThat(certificateHash(b)).isEqualTo("7b886836df774415a511d1f4a879655bbdef6d65399330394d525c5b2f413ac6"
                + "c5f97e76c6c7393b3cd0d8c3ea243660");
        assertThat(hex(b.md5())).isEqualTo("5c17010c501739d7047daa1834d154d4");
    }

    @Test
    void anRsaPssCertificateUsesTheHashInItsParameters() throws Exception {
        ChannelBindings b = of("rsa-pss-sha512.pem");
        assertThat(b.hashAlgorithm()).isEqualTo("SHA-512");
        assertThat(certificateHash(b)).isEqualTo("cc8f6b4c6a59c2ff8f2e1f1ca4e4b2e47a4e4abbb053c897fb9398e46359e4fe"
                + "b764fe7673690669a6f957b2676c6a8f4608642eec3ea9568ddc5b7a63f25673");
        assertThat(hex(b.md5())).isEqualTo("f9c67a100919788647fc85c23adffc6a");
    }

    @Test
    void anEd25519CertificateHasNoTlsServerEndPointBindings() throws Exception {
        assertThat(ChannelBindings.tlsServerEndPoint(certificate("ed25519.pem"))).isEmpty();
    }

    @Test
    void theStructHasUnspecifiedAddressesThenTheLengthPrefixedApplicationData() throws Exception {
        ChannelBindings b = of("rsa-sha256.pem");
        byte[] struct = b.gssChannelBindingsStruct();
        byte[] application = b.applicationData();
        assertThat(new String(application, 0, 21, StandardCharsets.US_ASCII)).isEqualTo("tls-server-end-point:");
        assertThat(application).hasSize(21 + 32);
        assertThat(Arrays.copyOf(struct, 16)).as("initiator and acceptor: type 0, length 0").containsOnly(0);
        assertThat(hex(Arrays.copyOfRange(struct, 16, 20))).isEqualTo("35000000");
        assertThat(Arrays.copyOfRange(struct, 20, struct.length)).isEqualTo(application);
    }

    @Test
    void sixteenZerosOrNothingMeanNoBindings() throws Exception {
        assertThat(ChannelBindings.absent(null)).isTrue();
        assertThat(ChannelBindings.absent(new byte[0])).isTrue();
        assertThat(ChannelBindings.absent(new byte[16])).isTrue();
        assertThat(ChannelBindings.absent(of("rsa-sha256.pem").md5())).isFalse();
        assertThat(ChannelBindings.absent(new byte[8])).as("malformed, not absent").isFalse();
    }
}
