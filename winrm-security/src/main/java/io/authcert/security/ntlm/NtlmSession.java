package io.authcert.security.ntlm;

import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.MessageSealer;
import io.authcert.security.wsman.SealedMessage;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The session security of MS-NLMP 3.4 with extended session security (connection-oriented): one RC4
 * stream and sequence number per direction, so a client and a server session mirror each other.
 */
public final class NtlmSession implements MessageSealer {

    private final int flags;
    private final byte[] outSignKey;
    private final byte[] inSignKey;
    private final Rc4 outSeal;
    private final Rc4 inSeal;
    private int outSeq;
    private int inSeq;

    private NtlmSession(int flags, byte[] exportedSessionKey, boolean client) {
        if (!NtlmFlags.has(flags, NtlmFlags.EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException("only NTLM with extended session security is supported");
        }
        this.flags = flags;
        this.outSignKey = NtlmCrypto.signKey(exportedSessionKey, client);
        this.inSignKey = NtlmCrypto.signKey(exportedSessionKey, !client);
        this.outSeal = new Rc4(NtlmCrypto.sealKey(exportedSessionKey, flags, client));
        this.inSeal = new Rc4(NtlmCrypto.sealKey(exportedSessionKey, flags, !client));
    }

    /** The client's side: it seals with the client-to-server keys. */
    public static NtlmSession client(int flags, byte[] exportedSessionKey) {
        return new NtlmSession(flags, exportedSessionKey, true);
    }

    /** The server's side: it seals with the server-to-client keys. */
    public static NtlmSession server(int flags, byte[] exportedSessionKey) {
        return new NtlmSession(flags, exportedSessionKey, false);
    }

    public int flags() {
        return flags;
    }

    /** SEAL (3.4.3): RC4 of the message, then the MAC over the plaintext on the same stream. */
    @Override
    public synchronized SealedMessage seal(byte[] plaintext) {
        byte[] ciphertext = outSeal.apply(plaintext);
        byte[] signature = mac(outSeal, outSignKey, outSeq++, plaintext);
        return new SealedMessage(signature, ciphertext);
    }

    /** UNSEAL and VERIFY; after a mismatch the RC4 stream is spent, so the caller must drop the session. */
    @Override
    public synchronized byte[] unseal(SealedMessage sealed) {
        byte[] signature = sealed.signature();
        if (signature.length != 16 || Le.u32(signature, 0) != 1) {
            throw new MessageIntegrityException("not an NTLMSSP_MESSAGE_SIGNATURE");
        }
        byte[] plaintext = inSeal.apply(sealed.ciphertext());
        byte[] expected = mac(inSeal, inSignKey, inSeq, plaintext);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new MessageIntegrityException("the NTLM message signature does not verify");
        }
        inSeq++;
        return plaintext;
    }

    /** SIGN only (3.4.2): the signature of an outgoing message that travels in clear. */
    public synchronized byte[] sign(byte[] message) {
        return mac(outSeal, outSignKey, outSeq++, message);
    }

    /** VERIFY of a message signed with {@link #sign}. */
    public synchronized void verify(byte[] message, byte[] signature) {
        byte[] expected = mac(inSeal, inSignKey, inSeq, message);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new MessageIntegrityException("the NTLM message signature does not verify");
        }
        inSeq++;
    }

    /** MAC with extended session security (3.4.4.2). */
    private byte[] mac(Rc4 handle, byte[] signKey, int seq, byte[] message) {
        byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signKey, Le.concat(Le.u32(seq), message)), 8);
        if (NtlmFlags.has(flags, NtlmFlags.KEY_EXCH)) {
            checksum = handle.apply(checksum);
        }
        return Le.concat(Le.u32(1), checksum, Le.u32(seq));
    }

    @Override
    public String toString() {
        return "NtlmSession[flags=0x" + Integer.toHexString(flags) + ", keys hidden]";
    }
}
