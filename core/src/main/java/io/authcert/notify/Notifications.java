package io.authcert.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells every notifier when an apply changed something, failed, or needs a person. A notifier that
 * fails is reported, one line each, and never changes how the apply ended.
 */
public final class Notifications {

    private final List<Notifier> notifiers;

    public Notifications(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    public boolean any() {
        return !notifiers.isEmpty();
    }

    /** Each notifier as {@link Notifier#describe()} names it (nothing secret). */
    public List<String> describe() {
        return notifiers.stream().map(Notifier::describe).toList();
    }

    /** Sends {@code notification} to each notifier when it is worth telling; returns one line per notifier that failed. */
    public List<String> send(Notification notification) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        if (!notification.worthTelling()) {
            return failures;
        }
        for (Notifier notifier : notifiers) {
            try {
                notifier.send(notification);
            } catch (java.io.IOException | RuntimeException e) {
                failures.add("cannot notify " + notifier.describe() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            }
        }
        return failures;
    }
}
