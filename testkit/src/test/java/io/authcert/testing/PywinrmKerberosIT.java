package io.authcert.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Requires({RequiredTool.KRB5_KDC, RequiredTool.PYTHON_GSSAPI})
@ExtendWith(KdcExtension.class)
class PywinrmKerberosIT {
    private static final String HOST = "ex01.contoso.local";
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();

    @Test
    void anMitInitiatorFromTheKinitCacheIsAcceptedByJgssAndBothSidesReadEachOthersWinRmSealedMessages(Kdc kdc)
            throws Exception {
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

            String[] sealed = out.readLine().split(" ");
            byte[] header = B64D.decode(sealed[0]);
            byte[] data = B64D.decode(sealed[1]);
            assertThat(header.length).as("pywinrm signature length").isEqualTo(60);
            assertThat(rrc(header)).as("RRC").isEqualTo(28);
            assertThat(unwrap(server, WinRmKerberosFraming.join(header, data)))
                    .isEqualTo("<s:Envelope>Get-ExchangeCertificate</s:Envelope>");

            byte[] plain = "<s:Envelope>Thumbprint</s:Envelope>".getBytes(StandardCharsets.UTF_8);
            byte[][] pair = WinRmKerberosFraming.split(server.wrap(plain, 0, plain.length, new MessageProp(0, true)), 12);
            assertThat(pair[0].length).as("JGSS token split into a WinRM signature").isEqualTo(60);
            to.println(B64E.encodeToString(pair[0]) + " " + B64E.encodeToString(pair[1]));
            assertThat(new String(B64D.decode(out.readLine()), StandardCharsets.UTF_8))
                    .isEqualTo("<s:Envelope>Thumbprint</s:Envelope>");
        } finally {
            if (!python.waitFor(10, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
        assertThat(python.exitValue()).isZero();
    }

    private static int rrc(byte[] token) {
        return ((token[6] & 0xff) << 8) | (token[7] & 0xff);
    }

    private static String unwrap(GSSContext ctx, byte[] token) throws Exception {
        MessageProp prop = new MessageProp(0, false);
        byte[] plain = ctx.unwrap(token, 0, token.length, prop);
        assertThat(prop.getPrivacy()).isTrue();
        return new String(plain, StandardCharsets.UTF_8);
    }
}
