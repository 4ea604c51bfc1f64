package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.security.ntlm.NtlmClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Telling NTLM, raw Kerberos and SPNEGO tokens apart from their framing alone (no KDC). */
class TokenKindTest {

    private static final byte[] NTLM_OID = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};
    private static final byte[] IAKERB_OID = {0x2b, 0x06, 0x01, 0x05, 0x02, 0x05};
    /** Stands in for an AP-REQ: the classification never looks inside the mechanism's token. */
    private static final byte[] AP_REQ = concat(new byte[] {0x01, 0x00}, der(0x6e, new byte[400]));

    /** A DER element with a short or long form length. */
    private static byte[] der(int tag, byte[]... content) {
        byte[] body = concat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (body.length < 0x80) {
            out.write(body.length);
        } else if (body.length < 0x100) {
            out.write(0x81);
            out.write(body.length);
        } else {
            out.write(0x82);
            out.write(body.length >> 8);
            out.write(body.length & 0xff);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** RFC 2743 3.1: [APPLICATION 0] { thisMech OID, innerContextToken }. */
    private static byte[] gss(byte[] mech, byte[] inner) {
        return der(0x60, der(0x06, mech), inner);
    }

    /** RFC 4178 4.2.1: negTokenInit [0] NegTokenInit { mechTypes [0] SEQUENCE OF OID, mechToken [2] }. */
    private static byte[] negTokenInit(byte[]... mechs) {
        byte[][] oids = Arrays.stream(mechs).map(m -> der(0x06, m)).toArray(byte[][]::new);
        return gss(TokenKind.SPNEGO_OID, der(0xa0, der(0x30, der(0xa0, der(0x30, oids)),
                der(0xa2, der(0x04, gss(mechs[0], AP_REQ))))));
    }

    @Test
    void ntlmsspMessagesAreNtlm() {
        assertThat(TokenKind.of(new NtlmClient().negotiate())).isEqualTo(TokenKind.NTLM);
        assertThat(TokenKind.of("NTLMSSP\0\3\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(TokenKind.NTLM);
    }

    @Test
    void aGssTokenWithTheKerberosOidIsRawKerberosAsPykerberosSendsIt() {
        assertThat(TokenKind.of(gss(TokenKind.KRB5_OID, AP_REQ))).isEqualTo(TokenKind.KERBEROS);
        assertThat(TokenKind.of(gss(TokenKind.MS_KRB5_OID, AP_REQ))).isEqualTo(TokenKind.KERBEROS);
    }

    @Test
    void spnegoOfferingKerberosFirstOrLaterIsSpnegoKerberos() {
        assertThat(TokenKind.of(negTokenInit(TokenKind.MS_KRB5_OID, TokenKind.KRB5_OID, NTLM_OID)))
                .isEqualTo(TokenKind.SPNEGO_KERBEROS);
        assertThat(TokenKind.of(negTokenInit(NTLM_OID, TokenKind.KRB5_OID))).isEqualTo(TokenKind.SPNEGO_KERBEROS);
    }

    @Test
    void spnegoWrappedNtlmIsNotKerberos() {
        TokenKind kind = TokenKind.of(negTokenInit(NTLM_OID));
        assertThat(kind).isEqualTo(TokenKind.SPNEGO_WITHOUT_KERBEROS);
        assertThat(kind.kerberos()).isFalse();
    }

    @Test
    void aNegTokenRespContinuesAnExchange() {
        byte[] accepted = der(0xa1, der(0x30, der(0xa0, der(0x0a, new byte[] {0x00}))));
        assertThat(TokenKind.of(accepted)).isEqualTo(TokenKind.SPNEGO_CONTINUATION);
    }

    @Test
    void otherMechanismsAndMalformedTokensAreUnknown() {
        byte[] spnego = negTokenInit(TokenKind.KRB5_OID);
        assertThat(TokenKind.of(gss(IAKERB_OID, AP_REQ))).isEqualTo(TokenKind.UNKNOWN);
        assertThat(TokenKind.of(new byte[0])).isEqualTo(TokenKind.UNKNOWN);
        assertThat(TokenKind.of(new byte[] {0x60})).isEqualTo(TokenKind.UNKNOWN);
        assertThat(TokenKind.of(Arrays.copyOf(spnego, 30))).as("truncated").isEqualTo(TokenKind.UNKNOWN);
        byte[] overlong = spnego.clone();
        overlong[2] = 0x7f;   // the outer length now runs past the token
        assertThat(TokenKind.of(overlong)).isEqualTo(TokenKind.UNKNOWN);
        assertThat(TokenKind.of(new byte[] {0x60, (byte) 0x84, 1, 0, 0, 0, 6})).as("4-byte length").isEqualTo(TokenKind.UNKNOWN);
        assertThat(TokenKind.of("<s:Envelope/>".getBytes(StandardCharsets.UTF_8))).isEqualTo(TokenKind.UNKNOWN);
    }
}
