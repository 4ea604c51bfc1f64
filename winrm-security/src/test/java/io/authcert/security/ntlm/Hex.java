package io.authcert.security.ntlm;

import java.util.HexFormat;

/** Hex in tests, because the published vectors are hex. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
