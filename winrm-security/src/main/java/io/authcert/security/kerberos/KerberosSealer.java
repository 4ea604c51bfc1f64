package io.authcert.security.kerberos;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.MessageSealer;
import io.authcert.security.wsman.SealedMessage;
import javax.security.auth.kerberos.EncryptionKey;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * WinRM message encryption with an established Kerberos context (either side), as Windows and pywinrm
 * seal: RFC 4121 wrap tokens with confidentiality, split into a signature and the encrypted data.
 * Calls must come in the order messages travel, as with any GSS context.
 */
public final class KerberosSealer implements MessageSealer {

    private final GSSContext context;
    private final int trailer;

    /**
     * @throws IllegalArgumentException when the context is not established, has no confidentiality, or
     *                                  uses an enctype WinRM's framing is not written for here (RC4, DES)
     */
    public KerberosSealer(GSSContext established) {
        if (!established.isEstablished()) {
            throw new IllegalArgumentException("the Kerberos context is not established");
        }
        if (!established.getConfState()) {
            throw new IllegalArgumentException("the Kerberos context has no confidentiality: messages cannot be sealed");
        }
        this.context = established;
        this.trailer = checksumLength(established);
    }

    /** The HMAC length of the context key's enctype (RFC 3962, RFC 8009). */
    private static int checksumLength(GSSContext context) {
        int enctype;
        try {
            EncryptionKey key = (EncryptionKey) ((ExtendedGSSContext) context)
                    .inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
            enctype = key.getKeyType();
        } catch (GSSException | ClassCastException e) {
            throw new IllegalArgumentException("the Kerberos context's session key cannot be read: " + e.getMessage(), e);
        }
        return switch (enctype) {
            case 17, 18 -> 12;  // aes128/256-cts-hmac-sha1-96
            case 19 -> 16;      // aes128-cts-hmac-sha256-128
            case 20 -> 24;      // aes256-cts-hmac-sha384-192
            default -> throw new IllegalArgumentException("Kerberos enctype " + enctype
                    + " is not supported for WinRM message encryption; use AES (the default since Windows Server 2008)");
        };
    }

    @Override
    public synchronized SealedMessage seal(byte[] plaintext) {
        MessageProp prop = new MessageProp(0, true);
        byte[] token;
        try {
            token = context.wrap(plaintext, 0, plaintext.length, prop);
        } catch (GSSException e) {
            throw new IllegalStateException("Kerberos wrap failed: " + e.getMessage(), e);
        }
        if (!prop.getPrivacy()) {
            throw new IllegalStateException("Kerberos wrap did not encrypt the message");
        }
        byte[][] pair = WrapTokenFraming.split(token, trailer);
        return new SealedMessage(pair[0], pair[1]);
    }

    @Override
    public synchronized byte[] unseal(SealedMessage sealed) {
        byte[] token = WrapTokenFraming.join(sealed.signature(), sealed.ciphertext());
        MessageProp prop = new MessageProp(0, false);
        byte[] plain;
        try {
            plain = context.unwrap(token, 0, token.length, prop);
        } catch (GSSException e) {
            throw new MessageIntegrityException("Kerberos unwrap failed: " + e.getMajorString());
        }
        if (!prop.getPrivacy()) {
            throw new MessageIntegrityException("the message was signed but not encrypted");
        }
        if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
            throw new MessageIntegrityException("the message is out of sequence (replayed, old or missing one before)");
        }
        return plain;
    }

    @Override
    public String toString() {
        return "KerberosSealer[trailer=" + trailer + "]";
    }
}
