package io.authcert.security.ntlm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key and response functions of MS-NLMP 3.3.2 and 3.4.5, kept pure so the spec's vectors test them. */
public final class NtlmCrypto {

    private static final byte[] CLIENT_SIGN = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGN = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEAL = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEAL = magic("session key to server-to-client sealing key magic constant");

    private NtlmCrypto() {
    }

    /** MD4(UNICODE(password)): the NT hash, what a domain controller stores. */
    public static byte[] ntHash(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return Md4.digest(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** NTOWFv2 (= LMOWFv2): HMAC_MD5(NT hash, UNICODE(Uppercase(user) ‖ domain)). */
    public static byte[] ntowfV2(char[] password, String user, String domain) {
        return ntowfV2FromHash(ntHash(password), user, domain);
    }

    public static byte[] ntowfV2FromHash(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, Le.utf16(user.toUpperCase(Locale.ROOT) + (domain == null ? "" : domain)));
    }

    /** LMv2 response: HMAC_MD5(key, server ‖ client challenge) ‖ client challenge. */
    public static byte[] lmV2Response(byte[] responseKey, byte[] serverChallenge, byte[] clientChallenge) {
        return Le.concat(hmacMd5(responseKey, Le.concat(serverChallenge, clientChallenge)), clientChallenge);
    }

    /** The NTLMv2 client blob ("temp" of 3.3.2): version, time, client challenge, target info. */
    public static byte[] ntlmV2Blob(long fileTime, byte[] clientChallenge, byte[] targetInfo) {
        return Le.concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, Le.u64(fileTime), clientChallenge, new byte[4],
                targetInfo, new byte[4]);
    }

    /** NTProofStr = HMAC_MD5(key, server challenge ‖ blob). */
    public static byte[] ntProofStr(byte[] responseKey, byte[] serverChallenge, byte[] blob) {
        return hmacMd5(responseKey, Le.concat(serverChallenge, blob));
    }

    /** SessionBaseKey = HMAC_MD5(key, NTProofStr); with NTLMv2 it is also the KeyExchangeKey. */
    public static byte[] sessionBaseKey(byte[] responseKey, byte[] ntProofStr) {
        return hmacMd5(responseKey, ntProofStr);
    }

    /** SIGNKEY with extended session security. */
    public static byte[] signKey(byte[] exportedSessionKey, boolean client) {
        return md5(Le.concat(exportedSessionKey, client ? CLIENT_SIGN : SERVER_SIGN));
    }

    /** SEALKEY with extended session security, truncated as the 128/56 flags say. */
    public static byte[] sealKey(byte[] exportedSessionKey, int flags, boolean client) {
        int keyLength = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128) ? 16
                : NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5;
        byte[] key = Arrays.copyOf(exportedSessionKey, keyLength);
        return md5(Le.concat(key, client ? CLIENT_SEAL : SERVER_SEAL));
    }

    public static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is unavailable", e);
        }
    }

    public static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is unavailable", e);
        }
    }

    /** Windows FILETIME (100 ns since 1601-01-01) of a Java epoch millisecond. */
    public static long fileTime(long epochMillis) {
        return (epochMillis + 11_644_473_600_000L) * 10_000L;
    }

    private static byte[] magic(String text) {
        return Le.concat(text.getBytes(StandardCharsets.US_ASCII), new byte[1]);
    }
}
