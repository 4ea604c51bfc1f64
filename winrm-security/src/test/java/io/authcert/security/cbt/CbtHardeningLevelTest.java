package io.authcert.security.cbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision table of each level: bindings right, wrong, all zero, absent; and on plain HTTP. */
class CbtHardeningLevelTest {

    private static ChannelBindings server;
    private static byte[] right;
    private static byte[] other;

    @BeforeAll
    static void certificates() throws Exception {
        server = bindings("rsa-sha256.pem");
        right = server.md5();
        other = bindings("ecdsa-sha384.pem").md5();
    }

    private static ChannelBindings bindings(String name) throws Exception {
        try (InputStream in = CbtHardeningLevelTest.class.getResourceAsStream("/cbt/" + name)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return ChannelBindings.tlsServerEndPoint(c).orElseThrow();
        }
    }

    @Test
    void noneAcceptsEverything() {
        for (byte[] presented : new byte[][] {right, other, new byte[16], null}) {
            assertThat(CbtHardeningLevel.NONE.refusal(presented, server)).isEmpty();
        }
    }

    @Test
    void relaxedRefusesOnlyWrongBindings() {
        assertThat(CbtHardeningLevel.RELAXED.refusal(right, server)).isEmpty();
        assertThat(CbtHardeningLevel.RELAXED.refusal(null, server)).isEmpty();
        assertThat(CbtHardeningLevel.RELAXED.refusal(new byte[16], server)).isEmpty();
        assertThat(CbtHardeningLevel.RELAXED.refusal(other, server)).hasValueSatisfying(r ->
                assertThat(r).contains("not those of this server's TLS certificate"));
    }

    @Test
    void strictAcceptsOnlyTheRightBindings() {
        assertThat(CbtHardeningLevel.STRICT.refusal(right, server)).isEmpty();
        assertThat(CbtHardeningLevel.STRICT.refusal(other, server)).isPresent();
        assertThat(CbtHardeningLevel.STRICT.refusal(null, server)).hasValueSatisfying(r ->
                assertThat(r).contains("no channel bindings").contains("Strict"));
        assertThat(CbtHardeningLevel.STRICT.refusal(new byte[16], server)).as("zeros are no bindings").isPresent();
    }

    @Test
    void onPlainHttpThereIsNothingToBindTo() {
        assertThat(CbtHardeningLevel.STRICT.refusal(null, null)).isEmpty();
        assertThat(CbtHardeningLevel.STRICT.refusal(other, null)).isEmpty();
    }

    @Test
    void parsesWinRmsSpellingAndNamesTheChoicesOtherwise() {
        assertThat(CbtHardeningLevel.parse("Strict")).isEqualTo(CbtHardeningLevel.STRICT);
        assertThat(CbtHardeningLevel.parse(" relaxed ")).isEqualTo(CbtHardeningLevel.RELAXED);
        assertThat(CbtHardeningLevel.parse("NONE")).isEqualTo(CbtHardeningLevel.NONE);
        assertThatThrownBy(() -> CbtHardeningLevel.parse("medium")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'medium'").hasMessageContaining("none, relaxed, strict");
    }
}
