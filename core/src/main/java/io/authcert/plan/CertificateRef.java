package io.authcert.plan;

import java.util.Locale;

/**
 * The certificate a step acts on: one whose thumbprint the facts already show, or the one this plan
 * creates (whose thumbprint only exists after the create step ran, so scripts find it by the unique
 * friendly name the plan gave it, on the server that created it).
 */
sealed interface CertificateRef {

    /** A short label for ids and display: the first 8 hex digits, or "new". */
    String label();

    /** The certificate in a reason: "certificate 1A2B3C4D" or "the new certificate". */
    default String describe() {
        return this instanceof Created ? "the new certificate" : "certificate " + label();
    }

    /** What the step's {@code details} say about the certificate. */
    java.util.Map<String, String> details();

    record Known(String thumbprint) implements CertificateRef {
        public Known {
            thumbprint = thumbprint.toUpperCase(Locale.ROOT);
        }

        @Override
        public String label() {
            return thumbprint.substring(0, 8);
        }

        @Override
        public java.util.Map<String, String> details() {
            return java.util.Map.of("thumbprint", thumbprint);
        }
    }

    /** @param server the Exchange server name the certificate is created on (the primary) */
    record Created(String friendlyName, String server) implements CertificateRef {
        @Override
        public String label() {
            return "new";
        }

        @Override
        public java.util.Map<String, String> details() {
            return java.util.Map.of("certificate", "new", "friendly_name", friendlyName, "created_on", server);
        }
    }
}
