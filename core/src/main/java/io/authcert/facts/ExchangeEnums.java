package io.authcert.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Exchange enums as numbers, the way {@code ConvertTo-Json} writes them when nobody called
 * {@code ToString()}: {@code AllowedServices} flags and {@code CertificateStatus}.
 */
final class ExchangeEnums {

    private static final String[] SERVICE_FLAGS = {"IMAP", "POP", "UM", "IIS", "SMTP", "Federation", "UMCallRouter"};
    private static final String[] STATUS = {
        "Unknown", "Valid", "Revoked", "DateInvalid", "Untrusted", "Invalid", "RevocationCheckFailure", "PendingRequest"};

    private ExchangeEnums() {
    }

    static List<String> services(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < SERVICE_FLAGS.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(SERVICE_FLAGS[i]);
            }
        }
        return out;
    }

    static String status(int value) {
        return value >= 0 && value < STATUS.length ? STATUS[value] : Integer.toString(value);
    }
}
