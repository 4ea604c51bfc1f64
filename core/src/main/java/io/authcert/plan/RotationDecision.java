package io.authcert.plan;

import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.playbook.modules.AuthCertificateSpec;
import static io.authcert.playbook.modules.AuthCertificateSpec.Rotation.IMMEDIATE;
import static io.authcert.playbook.modules.AuthCertificateSpec.Rotation.STAGED;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Decides whether the organisation's Auth certificate must be rotated, and how: the heart of the
 * runbook. Expired or missing everywhere: immediate replacement. Inside the renewal window: staged
 * rotation. Staged and due but not published: publish. Otherwise nothing. It never creates a
 * certificate when a usable one exists (the staged next, or one an interrupted run left behind).
 */
final class RotationDecision {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** What a broken current certificate means for users (KB 2617816, KB 5005341). */
    private static final String SIGN_IN_FAILS = ": OWA and ECP sign-in fail until a new one is published";

    private final AuthCertificateSpec spec;
    private final Organisation org;
    private final Instant now;

    RotationDecision(AuthCertificateSpec spec, Organisation org, Instant now) {
        this.spec = spec;
        this.org = org;
        this.now = now;
    }

    Rotation decide() {
        AuthConfigFacts auth = org.auth();
        Optional<CertificateFacts> current = org.certificate(auth.currentThumbprint());
        String brokenCurrent = brokenCurrent(auth, current);
        if (brokenCurrent != null) {
            return immediate(brokenCurrent);
        }
        CertificateFacts cert = current.orElseThrow();
        long daysLeft = Duration.between(now, cert.notAfter()).toDays();
        Optional<CertificateFacts> next = usableNext(auth);

        if (next.isPresent() && auth.nextEffectiveDate() != null && !auth.nextEffectiveDate().isAfter(now)) {
            return new Rotation(Rotation.Kind.PUBLISH_DUE, new CertificateRef.Known(next.get().thumbprint()), false, 0,
                    "next certificate " + label(next.get()) + " became effective " + auth.nextEffectiveDate()
                            + " but AuthConfig still names " + label(cert) + " as current");
        }
        if (daysLeft >= spec.renewBeforeDays()) {
            return Rotation.none("current certificate " + label(cert) + " has " + daysLeft + " days left (renew at "
                    + spec.renewBeforeDays() + ")");
        }
        String window = "current certificate " + label(cert) + " expires in " + daysLeft + " days (" + day(cert.notAfter())
                + "), inside the " + spec.renewBeforeDays() + "-day renewal window";
        if (spec.rotation() == IMMEDIATE) {
            return immediate(window + " (rotation: immediate)");
        }
        // A next certificate staged so that the servicelet publishes it before the current one expires is
        // enough, however little time is left (replanning a minute after staging must not change course).
        Instant publishedBy = next.isPresent() && auth.nextEffectiveDate() != null
                ? ServiceletSchedule.publishedBy(org, next.get().thumbprint(), auth.nextEffectiveDate()) : null;
        if (next.isPresent() && onPrimary(next.get()) && publishedBy != null && publishedBy.isBefore(cert.notAfter())) {
            return Rotation.none(window + "; next certificate " + label(next.get()) + " is staged for "
                    + auth.nextEffectiveDate() + " and the AuthAdmin servicelet publishes it by " + publishedBy);
        }
        int days = EffectiveDate.days(spec.stageDays(), now, cert.notAfter());
        if (days == 0) {
            return immediate(window + "; too little time left to stage one (under 2 days)");
        }
        if (next.isPresent() && onPrimary(next.get())) {
            String staged = auth.nextEffectiveDate() == null ? "without an effective date"
                    : "for " + auth.nextEffectiveDate() + ", but the AuthAdmin servicelet (at start and every 12 hours)"
                            + " would publish it only by " + publishedBy + ", not before the current one expires";
            return new Rotation(Rotation.Kind.STAGE, new CertificateRef.Known(next.get().thumbprint()), false, days,
                    window + "; next certificate " + label(next.get()) + " is staged " + staged
                            + ": stage it effective in " + days + " days");
        }
        return stageNew(window, days);
    }

    /** Why the current certificate cannot sign now, or null when it can. */
    private String brokenCurrent(AuthConfigFacts auth, Optional<CertificateFacts> current) {
        if (auth.currentThumbprint() == null || auth.currentThumbprint().isBlank()) {
            return "AuthConfig names no current certificate" + SIGN_IN_FAILS;
        }
        if (current.isEmpty() || org.holders(auth.currentThumbprint()).isEmpty()) {
            return "current certificate " + shortTp(auth.currentThumbprint()) + " is missing on every server" + SIGN_IN_FAILS;
        }
        if (!current.get().notAfter().isAfter(now)) {
            return "the Auth certificate " + label(current.get()) + " expired on " + day(current.get().notAfter()) + SIGN_IN_FAILS;
        }
        if (!current.get().validAt(now)) {
            return "current certificate " + label(current.get()) + " is not valid before " + current.get().notBefore()
                    + SIGN_IN_FAILS;
        }
        return null;
    }

    /** The staged next certificate when it can serve: some server holds it, valid and long-lived. */
    private Optional<CertificateFacts> usableNext(AuthConfigFacts auth) {
        if (auth.nextThumbprint() == null || org.holders(auth.nextThumbprint()).isEmpty()) {
            return Optional.empty();
        }
        return org.certificate(auth.nextThumbprint()).filter(c -> ReuseCandidate.longLived(spec, c, now));
    }

    private boolean onPrimary(CertificateFacts c) {
        return Organisation.holds(org.primary(), c.thumbprint());
    }

    private Rotation immediate(String why) {
        if (spec.rotation() == STAGED) {
            return new Rotation(Rotation.Kind.IMMEDIATE, null, false, 0, why + "; rotation: staged forbids an immediate replacement");
        }
        Optional<CertificateFacts> next = usableNext(org.auth()).filter(this::onPrimary);
        if (next.isPresent()) {
            return new Rotation(Rotation.Kind.IMMEDIATE, new CertificateRef.Known(next.get().thumbprint()), false, 0,
                    why + "; make the staged next certificate " + label(next.get()) + " current now");
        }
        Optional<CertificateFacts> reuse = ReuseCandidate.find(spec, org.primary(), now);
        if (reuse.isPresent()) {
            return new Rotation(Rotation.Kind.IMMEDIATE, new CertificateRef.Known(reuse.get().thumbprint()), false, 0,
                    why + "; use certificate " + label(reuse.get()) + " left unpublished by an earlier run");
        }
        return new Rotation(Rotation.Kind.IMMEDIATE, created(), true, 0, why + "; replace it now with a new certificate");
    }

    private Rotation stageNew(String why, int days) {
        Optional<CertificateFacts> reuse = ReuseCandidate.find(spec, org.primary(), now);
        if (reuse.isPresent()) {
            return new Rotation(Rotation.Kind.STAGE, new CertificateRef.Known(reuse.get().thumbprint()), false, days,
                    why + ": stage certificate " + label(reuse.get()) + " left unpublished by an earlier run, effective in "
                            + days + " days");
        }
        return new Rotation(Rotation.Kind.STAGE, created(), true, days,
                why + ": stage a new certificate effective in " + days + " days");
    }

    /**
     * A friendly name unique to this plan, so later steps (and a retry) find the certificate it creates;
     * {@link AuthCertificateSpec#CREATED_NAME_SUFFIX} characters longer than the playbook's, which
     * validation keeps within Exchange's limit.
     */
    private CertificateRef.Created created() {
        return new CertificateRef.Created(spec.friendlyName() + " - " + STAMP.format(now), Organisation.serverName(org.primary()));
    }

    /** A moment as an administrator reads it: "2026-11-25 09:00 UTC". */
    static String day(Instant moment) {
        return DAY.format(moment);
    }

    static String label(CertificateFacts c) {
        return shortTp(c.thumbprint());
    }

    static String shortTp(String thumbprint) {
        return thumbprint.length() > 8 ? thumbprint.substring(0, 8) : thumbprint;
    }
}
