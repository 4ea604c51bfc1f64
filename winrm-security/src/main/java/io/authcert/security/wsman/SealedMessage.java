package io.authcert.security.wsman;

/** A sealed message as GSS_WrapEx gives it: the signature (token header) and the ciphertext apart. */
public record SealedMessage(byte[] signature, byte[] ciphertext) {

    public SealedMessage {
        signature = signature.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "SealedMessage[signature=" + signature.length + " bytes, ciphertext=" + ciphertext.length + " bytes]";
    }
}
