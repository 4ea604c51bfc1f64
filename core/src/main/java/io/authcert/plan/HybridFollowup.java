package io.authcert.plan;

import io.authcert.facts.CertificateFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a hybrid organisation's person must do in Microsoft Entra ID, and when, for the Auth
 * certificate a plan stages or publishes (docs/exchange.md, "Hybrid"). The dedicated Exchange hybrid
 * application takes the current and the staged next certificate from {@link #UPDATE} (CSS-Exchange
 * {@code ConfigureExchangeHybridApplication.ps1}, which exports both from AuthConfig on the server it
 * runs on); Microsoft also says to re-run the Hybrid Configuration Wizard once the active certificate
 * was replaced (Maintain doc FAQ, KB 2617816). So: update the application as soon as a next certificate
 * is staged, so its key is in Entra ID before the servicelet publishes it, and again with the Wizard
 * once it is current.
 */
final class HybridFollowup {

    /** The command, verbatim: its Automated mode uploads AuthConfig's current and, if set, next certificate. */
    static final String UPDATE = ".\\ConfigureExchangeHybridApplication.ps1 -UpdateCertificate";

    /**
     * One thing for a person to do.
     *
     * @param afterApply true when it is due as soon as this plan has run (it becomes a manual step of the
     *                   plan); false when it is due later, or was due before (a note only)
     */
    record Item(boolean afterApply, String text) {
    }

    /** How the plan introduces an item of {@code org}. */
    static String prefix(Organisation org) {
        return "Organisation " + org.name() + " is hybrid: ";
    }

    private final Organisation org;
    private final Instant now;

    HybridFollowup(Organisation org, Instant now) {
        this.org = org;
        this.now = now;
    }

    /** The items for {@code rotation}; none when the organisation has no hybrid configuration or nothing changes. */
    List<Item> items(Rotation rotation) {
        if (org.hosts().stream().noneMatch(io.authcert.facts.HostFacts::hybrid)) {
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        String current = org.auth().currentThumbprint();
        switch (rotation.kind()) {
            case STAGE -> {
                Instant effective = now.plus(Duration.ofDays(rotation.days())).truncatedTo(ChronoUnit.SECONDS);
                items.add(new Item(true, "right after this plan stages " + name(rotation.certificate())
                        + ", run " + UPDATE + " on " + server() + uploads(current, rotation.certificate())
                        + ", so its key is in Microsoft Entra ID before it becomes current"));
                items.add(publishedLater(rotation.certificate(), effective));
            }
            case IMMEDIATE, PUBLISH_DUE -> {
                if (rotation.certificate() != null) {
                    items.add(new Item(true, "once this plan has published " + name(rotation.certificate())
                            + ", run " + UPDATE + " on " + server() + " (it uploads " + name(rotation.certificate())
                            + ", now current, to the dedicated Exchange hybrid application in Microsoft Entra ID) and re-run"
                            + " the Hybrid Configuration Wizard"));
                }
            }
            case NONE -> stagedEarlier().ifPresent(next -> {
                CertificateRef ref = new CertificateRef.Known(next.thumbprint());
                items.add(new Item(false, name(ref) + " is staged as the next certificate: unless it was done"
                        + " since it was staged, run " + UPDATE + " on " + server() + " now" + uploads(current, ref)));
                items.add(publishedLater(ref, org.auth().nextEffectiveDate()));
            });
        }
        return items;
    }

    /** The next certificate AuthConfig names for a future date, held by some server: staged before this plan. */
    private Optional<CertificateFacts> stagedEarlier() {
        String next = org.auth().nextThumbprint();
        Instant effective = org.auth().nextEffectiveDate();
        if (next == null || next.isBlank() || effective == null || !effective.isAfter(now) || org.holders(next).isEmpty()) {
            return Optional.empty();
        }
        return org.certificate(next);
    }

    private Item publishedLater(CertificateRef next, Instant effective) {
        return new Item(false, "when the AuthAdmin servicelet publishes " + name(next) + " (effective "
                + effective + "; published by " + publishedBy(next, effective) + " at the latest), run " + UPDATE
                + " on " + server() + " again and re-run the Hybrid Configuration Wizard");
    }

    /** The servicelet's worst case: a known certificate's holders' schedules; a new one is on the primary. */
    private Instant publishedBy(CertificateRef next, Instant effective) {
        if (next instanceof CertificateRef.Known k && !org.holders(k.thumbprint()).isEmpty()) {
            return ServiceletSchedule.publishedBy(org, k.thumbprint(), effective);
        }
        Instant primary = ServiceletSchedule.firstRunFrom(org.primary(), effective);
        Instant worst = effective.plus(ServiceletSchedule.PERIOD);
        return primary.isBefore(worst) ? primary : worst;
    }

    private String uploads(String current, CertificateRef next) {
        String cur = current == null || current.isBlank() ? "no current certificate" : "current " + current;
        return " (it uploads both certificates AuthConfig names to the dedicated Exchange hybrid application: " + cur
                + " and next " + describe(next) + ")";
    }

    private String server() {
        return Organisation.serverName(org.primary());
    }

    private static String name(CertificateRef ref) {
        return ref instanceof CertificateRef.Known k ? "certificate " + k.thumbprint() : "the new certificate";
    }

    private static String describe(CertificateRef ref) {
        return ref instanceof CertificateRef.Created c ? "'" + c.friendlyName() + "' (its thumbprint is in the create step's output)"
                : ((CertificateRef.Known) ref).thumbprint();
    }
}
