package io.authcert.transport.winrm.http;

import java.io.IOException;

/** Encrypts request bodies and decrypts response bodies (MS-WSMV message encryption), bound to one connection. */
public interface MessageSealing {

    /** The Content-Type of a sealed request, with its boundary and protocol parameters. */
    String contentType();

    /** The sealed form of a SOAP request. */
    byte[] seal(byte[] soap) throws IOException;

    /** The SOAP text of a sealed response; a response that is not sealed is returned as it is. */
    byte[] unseal(byte[] body, String contentType) throws IOException;
}
