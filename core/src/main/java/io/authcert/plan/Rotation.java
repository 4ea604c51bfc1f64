package io.authcert.plan;

/**
 * What the organisation's Auth certificate needs, as the runbook names it.
 *
 * @param certificate the certificate to stage, activate or publish (null for {@link Kind#NONE})
 * @param creates     true when the plan creates that certificate
 * @param days        for {@link Kind#STAGE}: days from the step until it becomes effective
 * @param reason      which fact differs from which desire, in words
 */
record Rotation(Kind kind, CertificateRef certificate, boolean creates, int days, String reason) {

    enum Kind {
        /** The current certificate is fine for now. */
        NONE,
        /** Renewal window: stage a next certificate effective in {@code days} days. */
        STAGE,
        /** Expired, missing, or no time left: set a certificate effective now, publish, restart everywhere. */
        IMMEDIATE,
        /** The staged next certificate's date has passed but it was never published. */
        PUBLISH_DUE
    }

    static Rotation none(String reason) {
        return new Rotation(Kind.NONE, null, false, 0, reason);
    }

    /** True when a certificate that is not yet in AuthConfig is put there (the hybrid follow-up concerns it). */
    boolean introducesCertificate() {
        return kind == Kind.STAGE || kind == Kind.IMMEDIATE;
    }
}
