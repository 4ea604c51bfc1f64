package io.authcert.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells every notifier when an apply had an outcome {@link NotifyOn} chooses (by default: changed
 * something, failed, or needs a person). A notifier that fails is reported, one line each, and never
 * changes how the apply ended.
 */
public final class Notifications {

    private final List<Notifier> notifiers;
    private final NotifyOn notifyOn;

    /** Notifiers told on the default outcomes. */
    public Notifications(List<Notifier> notifiers) {
        this(notifiers, NotifyOn.DEFAULT);
    }

    public Notifications(List<Notifier> notifiers, NotifyOn notifyOn) {
        this.notifiers = List.copyOf(notifiers);
        this.notifyOn = notifyOn;
    }

    /** True when {@code notification} is sent: it has an outcome chosen with {@code --notify-on}. */
    public boolean tells(Notification notification) {
        return notifyOn.sends(notification);
    }

    public boolean any() {
        return !notifiers.isEmpty();
    }

    /** Each notifier as {@link Notifier#describe()} names it (nothing secret). */
    public List<String> describe() {
        return notifiers.stream().map(Notifier::describe).toList();
    }

    /** Sends {@code notification} to each notifier when {@link #tells} it; returns one line per notifier that failed. */
    public List<String> send(Notification notification) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        if (!tells(notification)) {
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
