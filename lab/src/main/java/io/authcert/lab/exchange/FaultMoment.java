package io.authcert.lab.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A fault switched on at a moment of a run: when a command that uses {@code word} (a cmdlet such as
 * {@code New-ExchangeCertificate}, or a parameter such as {@code -PublishCertificate}) is about to run
 * ({@link When#BEFORE}) or has just run ({@link When#AFTER}) on {@code on} (any server when null), the
 * {@code faults} are switched on ({@link FaultSettings}'s form, {@code this} being that server), once.
 *
 * <p>What happens to the command that reached the moment: before, it meets the faults just switched
 * (an unreachable server or refused credentials: it never runs; a 500 fault on it: not run; latency:
 * it runs late); {@code loseResponse} makes it run but its answer never reach the client (before or
 * after); {@code hold} keeps it that long first (an outside observer's chance to act, e.g. to kill
 * the client), after which a held command before its moment is dropped without running and one after
 * it loses its answer; {@code delay} makes it take that much longer (before: it starts late; after: its
 * answer comes late), as a command that outlasts the client's timeout.
 *
 * @param label a name for the moment in what the lab reports, e.g. {@code before create}
 */
public record FaultMoment(String label, When when, String word, String on, JsonNode faults, boolean loseResponse,
        Duration hold, Duration delay) {

    /** Whether the moment is just before the command runs or just after. */
    public enum When { BEFORE, AFTER }

    public FaultMoment {
        if (word == null || word.isBlank()) {
            throw new IllegalArgumentException("a fault moment names the cmdlet or parameter whose command it waits for");
        }
        faults = faults == null ? JsonNodeFactory.instance.objectNode() : faults;
        hold = hold == null ? Duration.ZERO : hold;
        delay = delay == null ? Duration.ZERO : delay;
        label = label == null ? when.name().toLowerCase(Locale.ROOT) + " " + word : label;
    }

    public static FaultMoment before(String word) {
        return new FaultMoment(null, When.BEFORE, word, null, null, false, null, null);
    }

    public static FaultMoment after(String word) {
        return new FaultMoment(null, When.AFTER, word, null, null, false, null, null);
    }

    public FaultMoment named(String name) {
        return new FaultMoment(name, when, word, on, faults, loseResponse, hold, delay);
    }

    /** Only a command on this server reaches the moment. */
    public FaultMoment on(String server) {
        return new FaultMoment(label, when, word, server, faults, loseResponse, hold, delay);
    }

    /** Also switches {@code settings} on for the servers {@code selector} names ({@code this}, {@code others}, ...). */
    public FaultMoment switching(String selector, JsonNode settings) {
        ObjectNode merged = ((ObjectNode) faults).deepCopy();
        JsonNode existing = merged.get(selector);
        if (existing instanceof ObjectNode o) {
            o.setAll((ObjectNode) settings);
        } else {
            merged.set(selector, settings);
        }
        return new FaultMoment(label, when, word, on, merged, loseResponse, hold, delay);
    }

    public FaultMoment losingResponse() {
        return new FaultMoment(label, when, word, on, faults, true, hold, delay);
    }

    public FaultMoment holding(Duration time) {
        return new FaultMoment(label, when, word, on, faults, loseResponse, time, delay);
    }

    public FaultMoment delaying(Duration time) {
        return new FaultMoment(label, when, word, on, faults, loseResponse, hold, time);
    }

    /** Whether a command with {@code script} on {@code server} reaches this moment. */
    boolean matches(String server, String script) {
        return (on == null || on.equalsIgnoreCase(server)) && mentions(script, word);
    }

    /** Whether the script uses {@code word} as a word (not as part of a longer name). */
    static boolean mentions(String script, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])", Pattern.CASE_INSENSITIVE)
                .matcher(script).find();
    }
}
