package io.authcert.notify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which outcomes of an apply send a notification ({@code --notify-on}). An apply may have several at
 * once (it changed something and a host failed); it is sent when any of them is chosen, or always.
 * The default is what an apply told before the option existed: changed, failed, or needs a person
 * (the plan holds something back, or the guard rails did).
 */
public final class NotifyOn {

    /** One outcome a person may want to hear about, by its name on the command line. */
    public enum Outcome {
        /** A step changed something. */
        CHANGED,
        /** Exit 1, or a host failed or was unreachable. */
        FAILED,
        /** The plan holds something back for a person (servers outside it, unknown keys) or has manual follow-ups; exit 3. */
        NEEDS_HUMAN,
        /** The guard rails held steps back ({@code --allow}, {@code --max-hosts-changed}); exit 4. */
        HELD_BACK,
        /** Every apply, also one with nothing to do. */
        ALWAYS;

        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final NotifyOn DEFAULT = new NotifyOn(EnumSet.of(Outcome.CHANGED, Outcome.FAILED, Outcome.NEEDS_HUMAN,
            Outcome.HELD_BACK));

    private final Set<Outcome> chosen;

    public NotifyOn(Set<Outcome> chosen) {
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--notify-on names no outcome");
        }
        this.chosen = EnumSet.copyOf(chosen);
    }

    /**
     * Reads {@code changed,failed,...} (commas, any case, spaces around names ignored).
     *
     * @throws IllegalArgumentException naming the unknown outcome and the known ones
     */
    public static NotifyOn parse(List<String> names) {
        Set<Outcome> chosen = EnumSet.noneOf(Outcome.class);
        for (String list : names) {
            for (String name : list.split(",")) {
                chosen.add(outcome(name.trim()));
            }
        }
        return new NotifyOn(chosen);
    }

    private static Outcome outcome(String name) {
        for (Outcome o : Outcome.values()) {
            if (o.optionName().equals(name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an outcome; use any of " + known());
    }

    /** "changed, failed, needs_human, held_back, always". */
    public static String known() {
        List<String> names = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            names.add(o.optionName());
        }
        return String.join(", ", names);
    }

    /** True when {@code notification} has an outcome chosen here (any, for {@code always}). */
    public boolean sends(Notification notification) {
        return chosen.contains(Outcome.ALWAYS) || notification.outcomes().stream().anyMatch(chosen::contains);
    }

    /** The chosen outcomes, in the order above, as given on the command line. */
    public List<String> names() {
        return chosen.stream().map(Outcome::optionName).toList();
    }
}
