package io.authcert.security.cbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How JGSS (the JDK's Kerberos) treats tls-server-end-point bindings from an MIT initiator bound the
 * way requests_kerberos and pyspnego bind over HTTPS, with tickets from a real KDC: what a Kerberos
 * client or acceptor built on {@link ChannelBindings} and JGSS must know.
 */
@Requires({RequiredTool.KRB5_KDC, RequiredTool.PYTHON_GSSAPI})
@ExtendWith(KdcExtension.class)
class KerberosChannelBindingIT {
    private static final String HOST = "ex03.contoso.local";
    private static ChannelBindings bindings;

    @BeforeAll
    static void certificate() throws Exception {
        try (InputStream in = KerberosChannelBindingIT.class.getResourceAsStream("/cbt/rsa-sha256.pem")) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            bindings = ChannelBindings.tlsServerEndPoint(c).orElseThrow();
        }
    }

    /** The first token of an MIT initiator bound as {@code how} says (none, unspec, nulladdr). */
    private static byte[] mitToken(Kdc kdc, String how) throws Exception {
        kdc.kinit();
        Path script = kdc.directory().resolve("cbt_initiator.py");
        try (InputStream in = KerberosChannelBindingIT.class.getResourceAsStream("/kerberos/cbt_initiator.py")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), "HTTP@" + HOST, how,
                Base64.getEncoder().encodeToString(bindings.applicationData())))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(kdc.clientEnvironment());
        Process python = pb.start();
        byte[] out = python.getInputStream().readAllBytes();
        assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).isZero();
        return Base64.getDecoder().decode(new String(out, StandardCharsets.US_ASCII).strip());
    }

    /** Accepts {@code token} with a JGSS acceptor bound to {@code acceptorBinding} (null: none). */
    private static GSSContext accept(Kdc kdc, byte[] token, ChannelBinding acceptorBinding) throws Exception {
        kdc.useForJgss();
        Subject service = Krb5Login.acceptor(kdc.servicePrincipal(HOST), kdc.serviceKeytab(HOST));
        GSSContext acceptor = GssHandshake.acceptor(service);
        if (acceptorBinding != null) {
            acceptor.setChannelBinding(acceptorBinding);
        }
        try {
            GssHandshake.as(service, () -> acceptor.acceptSecContext(token, 0, token.length));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
        return acceptor;
    }

    @Test
    void jgssPublicChannelBindingDoesNotMatchWhatRequestsKerberosSends(Kdc kdc) throws Exception {
        byte[] token = mitToken(kdc, "unspec");
        assertThatThrownBy(() -> accept(kdc, token, new ChannelBinding(bindings.applicationData())))
                .as("new ChannelBinding(byte[]) hashes address types 255 (GSS_C_AF_NULLADDR), MIT and Windows 0")
                .isInstanceOfSatisfying(GSSException.class, e -> {
                    assertThat(e.getMajor()).isEqualTo(GSSException.BAD_BINDINGS);
                    assertThat(e.getMessage()).contains("mismatch");
                });
    }

    @Test
    void theAddressTypeIsTheOnlyDifference(Kdc kdc) throws Exception {
        byte[] token = mitToken(kdc, "nulladdr");
        assertThat(accept(kdc, token, new ChannelBinding(bindings.applicationData())).isEstablished()).isTrue();
    }

    @Test
    void aJgssAcceptorWithBindingsRefusesAnInitiatorWithoutAsStrictDoes(Kdc kdc) throws Exception {
        byte[] token = mitToken(kdc, "none");
        assertThatThrownBy(() -> accept(kdc, token, new ChannelBinding(bindings.applicationData())))
                .isInstanceOfSatisfying(GSSException.class, e -> {
                    assertThat(e.getMajor()).isEqualTo(GSSException.BAD_BINDINGS);
                    assertThat(e.getMessage()).contains("missing ChannelBinding");
                });
    }

    @Test
    void aJgssAcceptorWithoutBindingsIgnoresTheInitiatorsAsRfc4121Allows(Kdc kdc) throws Exception {
        byte[] token = mitToken(kdc, "unspec");
        assertThat(accept(kdc, token, null).isEstablished()).isTrue();
    }
}
