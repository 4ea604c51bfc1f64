package io.authcert.playbook.modules;

import java.time.Duration;

/** Writes a duration the way a playbook does ({@code 2h}, {@code 90m}, {@code 1h30m}, {@code 45s}). */
public final class DurationText {

    private DurationText() {
    }

    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (secs > 0) {
            out.append(secs).append('s');
        }
        return out.toString();
    }
}
