package io.authcert.security.cbt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code tls-server-end-point} channel bindings of one TLS server certificate (RFC 5929 4.1), in the
 * forms the logon protocols carry them: the application data of a GSS-API channel binding, the
 * {@code gss_channel_bindings_struct} built from it (RFC 2744 3.11, address types
 * {@code GSS_C_AF_UNSPEC}, no addresses, as Windows SSPI, ntlm-auth and MIT via requests-kerberos build
 * it), and that struct's MD5, which is what NTLM's MsvAvChannelBindings (MS-NLMP 2.2.2.1) and Kerberos'
 * checksum Bnd field (RFC 4121 4.1.1.2) hold.
 */
public final class ChannelBindings {

    private static final byte[] PREFIX = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
    private static final int MD5_LENGTH = 16;

    private final String hashAlgorithm;
    private final byte[] certificateHash;

    private ChannelBindings(String hashAlgorithm, byte[] certificateHash) {
        this.hashAlgorithm = hashAlgorithm;
        this.certificateHash = certificateHash;
    }

    /**
     * The bindings of a server presenting {@code certificate}; empty when RFC 5929 defines none for it
     * (a signature without a hash function, such as Ed25519), in which case a client sends none, as
     * requests_ntlm does.
     */
    public static Optional<ChannelBindings> tlsServerEndPoint(X509Certificate certificate) {
        Optional<String> hash = certificateHashAlgorithm(certificate);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance(hash.get()).digest(certificate.getEncoded());
            return Optional.of(new ChannelBindings(hash.get(), digest));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the server certificate cannot be DER-encoded: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * RFC 5929 4.1: the hash of the certificate's signature algorithm, except that MD5 and SHA-1 are
     * replaced by SHA-256.
     */
    static Optional<String> certificateHashAlgorithm(X509Certificate certificate) {
        return signatureHash(certificate).map(h -> h.equals("MD5") || h.equals("SHA-1") ? "SHA-256" : h);
    }

    /** The hash of the signature algorithm in JCA's spelling ("SHA-384"), empty when it has none. */
    private static Optional<String> signatureHash(X509Certificate certificate) {
        String name = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.equals("RSASSA-PSS")) {
            return pssHash(certificate.getSigAlgParams());
        }
        int with = name.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String hash = name.substring(0, with);
        if (hash.matches("SHA(1|224|256|384|512)")) {
            return Optional.of(hash.equals("SHA1") ? "SHA-1" : "SHA-" + hash.substring(3));
        }
        return Optional.of(hash);
    }

    /** RSASSA-PSS names its hash in the algorithm's parameters, not in its name. */
    private static Optional<String> pssHash(byte[] encodedParameters) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encodedParameters);
            return Optional.of(parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm()
                    .toUpperCase(Locale.ROOT));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The hash function RFC 5929 chose for this certificate, in JCA's spelling ("SHA-256"). */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** {@code "tls-server-end-point:"} followed by the certificate's hash: what JGSS's {@code ChannelBinding} takes. */
    public byte[] applicationData() {
        byte[] data = new byte[PREFIX.length + certificateHash.length];
        System.arraycopy(PREFIX, 0, data, 0, PREFIX.length);
        System.arraycopy(certificateHash, 0, data, PREFIX.length, certificateHash.length);
        return data;
    }

    /**
     * The {@code gss_channel_bindings_struct} as hashed: initiator and acceptor address types 0
     * ({@code GSS_C_AF_UNSPEC}) with empty addresses, then the application data, each length-prefixed
     * with a 32-bit little-endian integer.
     */
    public byte[] gssChannelBindingsStruct() {
        byte[] application = applicationData();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int field : new int[] {0, 0, 0, 0}) {
            out.writeBytes(le32(field));
        }
        out.writeBytes(le32(application.length));
        out.writeBytes(application);
        return out.toByteArray();
    }

    /** MD5 of {@link #gssChannelBindingsStruct()}: the 16 bytes NTLM and Kerberos put in their logon. */
    public byte[] md5() {
        try {
            return MessageDigest.getInstance("MD5").digest(gssChannelBindingsStruct());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is unavailable", e);
        }
    }

    /** True when the {@code presented} value of a logon's bindings field says "no bindings": absent or all zero. */
    public static boolean absent(byte[] presented) {
        if (presented == null || presented.length == 0) {
            return true;
        }
        for (byte b : presented) {
            if (b != 0) {
                return false;
            }
        }
        return presented.length == MD5_LENGTH;
    }

    /** True when a logon's bindings field carries exactly these bindings. */
    public boolean matches(byte[] presented) {
        return presented != null && MessageDigest.isEqual(md5(), presented);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    @Override
    public String toString() {
        return "ChannelBindings[tls-server-end-point " + hashAlgorithm + " " + HexFormat.of().formatHex(certificateHash) + "]";
    }
}
