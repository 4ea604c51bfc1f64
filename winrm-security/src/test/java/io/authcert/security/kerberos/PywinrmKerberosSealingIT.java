package io.authcert.security.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.SealedMessage;
import io.authcert.testing.GssHandshake;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link KerberosSealer} against MIT's gss_wrap_iov (python-gssapi, the call pywinrm's Kerberos
 * encryption makes), both ways, with tickets from a real KDC.
 */
@Requires({RequiredTool.KRB5_KDC, RequiredTool.PYTHON_GSSAPI})
@ExtendWith(KdcExtension.class)
class PywinrmKerberosSealingIT {
    private static final String HOST = "ex01.contoso.local";
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();

    @Test
    void anMitInitiatorIsAcceptedAndBothSidesReadEachOthersWinRmSealedMessages(Kdc kdc) throws Exception {
        kdc.kinit();
        Path script = kdc.directory().resolve("pywinrm_initiator.py");
        try (var in = getClass().getResourceAsStream("/kerberos/pywinrm_initiator.py")) {
            Files.write(script, in.readAllBytes());
        }
        Subject service = Krb5Login.acceptor(kdc.servicePrincipal(HOST), kdc.serviceKeytab(HOST));
        GSSContext server = GssHandshake.acceptor(service);
        ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), "HTTP@" + HOST,
                "<s:Envelope>Get-ExchangeCertificate</s:Envelope>")).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(kdc.clientEnvironment());
        Process python = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter to = new PrintWriter(python.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            byte[] first = B64D.decode(out.readLine());
            byte[] reply = GssHandshake.as(service, () -> server.acceptSecContext(first, 0, first.length));
            assertThat(server.isEstablished()).isTrue();
            assertThat(server.getSrcName().toString()).isEqualTo(kdc.userPrincipal());
            assertThat(server.getCredDelegState()).as("delegation").isTrue();
            to.println(B64E.encodeToString(reply));
            KerberosSealer sealer = new KerberosSealer(server);

            String[] sealed = out.readLine().split(" ");
            SealedMessage fromPython = new SealedMessage(B64D.decode(sealed[0]), B64D.decode(sealed[1]));
            assertThat(fromPython.signature()).as("pywinrm's signature: 60 bytes with RRC 28").hasSize(60);
            assertThat(((fromPython.signature()[6] & 0xff) << 8) | (fromPython.signature()[7] & 0xff)).isEqualTo(28);
            assertThat(new String(sealer.unseal(fromPython), StandardCharsets.UTF_8))
                    .isEqualTo("<s:Envelope>Get-ExchangeCertificate</s:Envelope>");

            byte[] plain = "<s:Envelope>Thumbprint</s:Envelope>".getBytes(StandardCharsets.UTF_8);
            SealedMessage toPython = sealer.seal(plain);
            assertThat(toPython.signature()).as("the same layout from JGSS").hasSize(60);
            assertThat(new String(toPython.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Thumbprint");
            to.println(B64E.encodeToString(toPython.signature()) + " " + B64E.encodeToString(toPython.ciphertext()));
            assertThat(new String(B64D.decode(out.readLine()), StandardCharsets.UTF_8))
                    .isEqualTo("<s:Envelope>Thumbprint</s:Envelope>");

            assertThatThrownBy(() -> sealer.unseal(fromPython)).as("a replayed message")
                    .isInstanceOf(MessageIntegrityException.class);
        } finally {
            if (!python.waitFor(10, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
        assertThat(python.exitValue()).isZero();
    }
}
