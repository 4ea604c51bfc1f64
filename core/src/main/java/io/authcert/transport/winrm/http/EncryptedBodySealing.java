package io.authcert.transport.winrm.http;

import io.authcert.security.wsman.EncryptedBody;
import io.authcert.security.wsman.MessageIntegrityException;
import io.authcert.security.wsman.MessageSealer;
import java.io.IOException;

/**
 * MS-WSMV's multipart/encrypted bodies with one connection's security context, NTLM's session or a
 * Kerberos context (the protocol string is SPNEGO's for both, as pywinrm's encryption.py writes it).
 */
final class EncryptedBodySealing implements MessageSealing {

    private final MessageSealer sealer;

    EncryptedBodySealing(MessageSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public String contentType() {
        return EncryptedBody.CONTENT_TYPE;
    }

    @Override
    public byte[] seal(byte[] soap) {
        return EncryptedBody.encode(sealer, soap);
    }

    /** An answer that is not encrypted (an HTTP.sys error page, say) is returned as it is, as pywinrm does. */
    @Override
    public byte[] unseal(byte[] body, String contentType) throws IOException {
        if (!EncryptedBody.isEncrypted(contentType)) {
            return body;
        }
        try {
            return EncryptedBody.decode(sealer, body);
        } catch (MessageIntegrityException e) {
            throw new MalformedResponseException("the encrypted answer does not verify (" + e.getMessage() + ")");
        }
    }
}
