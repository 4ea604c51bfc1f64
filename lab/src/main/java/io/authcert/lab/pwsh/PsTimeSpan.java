package io.authcert.lab.pwsh;

import java.time.Duration;

/** A .NET {@code System.TimeSpan} (the difference of two DateTimes, or [TimeSpan]::FromHours). */
public record PsTimeSpan(Duration duration) {

    /** .NET's "c" format: [-][d.]hh:mm:ss[.fffffff]. */
    @Override
    public String toString() {
        Duration d = duration.abs();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long ticks = d.toNanosPart() / 100;
        StringBuilder sb = new StringBuilder(duration.isNegative() ? "-" : "");
        if (days > 0) {
            sb.append(days).append('.');
        }
        sb.append(String.format("%02d:%02d:%02d", hours, minutes, seconds));
        if (ticks > 0) {
            sb.append(String.format(".%07d", ticks));
        }
        return sb.toString();
    }

    double totalMilliseconds() {
        return duration.toNanos() / 1e6;
    }
}
