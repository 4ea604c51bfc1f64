package io.authcert.lab.pwsh;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A .NET {@code System.DateTime}: a wall-clock time with a {@link Kind} (Utc, Local or Unspecified).
 * Local times carry the zone of the simulated server that made them, so {@code ToUniversalTime()}
 * converts as that server would. Precision is .NET's 100 ns tick.
 *
 * @param wallClock   the date and time as the value shows it
 * @param kind        .NET's DateTimeKind
 * @param zone        the server's time zone (used for Local and Unspecified conversions)
 * @param fromGetDate true for the value Get-Date emits, which carries PowerShell's DisplayHint note
 *                    property (ConvertTo-Json then writes {@code value}, {@code DisplayHint} and
 *                    {@code DateTime} as Windows PowerShell 5.1 does); any method result drops it
 */
public record PsDateTime(LocalDateTime wallClock, Kind kind, ZoneId zone, boolean fromGetDate) {

    /** .NET's DateTimeKind. */
    public enum Kind { UNSPECIFIED, UTC, LOCAL }

    public PsDateTime {
        wallClock = wallClock.truncatedTo(ChronoUnit.MICROS).plusNanos(wallClock.getNano() % 1000 / 100 * 100);
    }

    /** A UTC time. */
    public static PsDateTime utc(Instant instant, ZoneId serverZone) {
        return new PsDateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), Kind.UTC, serverZone, false);
    }

    /** A local time of a server in {@code zone} (what {@code Get-Date} and most Exchange properties return). */
    public static PsDateTime local(Instant instant, ZoneId zone) {
        return new PsDateTime(LocalDateTime.ofInstant(instant, zone), Kind.LOCAL, zone, false);
    }

    /** The instant this value denotes (Unspecified counts as local, as .NET's ToUniversalTime does). */
    public Instant instant() {
        return kind == Kind.UTC ? wallClock.toInstant(ZoneOffset.UTC) : wallClock.atZone(zone).toInstant();
    }

    public PsDateTime toUniversalTime() {
        return kind == Kind.UTC ? plain() : utc(instant(), zone);
    }

    public PsDateTime toLocalTime() {
        return kind == Kind.LOCAL ? plain() : local(instant(), zone);
    }

    /** The same value without Get-Date's DisplayHint decoration. */
    public PsDateTime plain() {
        return new PsDateTime(wallClock, kind, zone, false);
    }

    public PsDateTime plus(Duration d) {
        return new PsDateTime(wallClock.plus(d), kind, zone, false);
    }

    /** {@code AddHours} and friends take a double in .NET, rounded to milliseconds. */
    public PsDateTime plusMillis(double millis) {
        return plus(Duration.ofMillis(Math.round(millis)));
    }

    /** {@code ToString('o')}: round-trip format with 7 fractional digits and Z or the offset. */
    public String roundTrip() {
        String base = wallClock.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS", Locale.ROOT));
        return switch (kind) {
            case UTC -> base + "Z";
            case LOCAL -> base + offset();
            case UNSPECIFIED -> base;
        };
    }

    private String offset() {
        ZoneOffset o = zone.getRules().getOffset(instant());
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }

    /** Milliseconds since 1970 (UTC), as in {@code \/Date(ms)\/}. */
    public long epochMillis() {
        return instant().toEpochMilli();
    }

    /** {@code ToString(format)} for the standard formats o, s, u, d, g, G and custom patterns. */
    public String format(String format) {
        switch (format) {
            case "o", "O":
                return roundTrip();
            case "s":
                return wallClock.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT));
            case "u":
                return toUniversalTime().wallClock.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT));
            case "d":
                return wallClock.format(DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US));
            case "G", "":
                return toString();
            case "g":
                return wallClock.format(DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US));
            default:
                return wallClock.format(DateTimeFormatter.ofPattern(customPattern(format), Locale.US));
        }
    }

    /** Translates a .NET custom date format to java.time (the common specifiers). */
    private String customPattern(String f) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            int run = 1;
            while (i + run < f.length() && f.charAt(i + run) == c) {
                run++;
            }
            String token = String.valueOf(c).repeat(run);
            switch (c) {
                case 'y', 'M', 'd', 'H', 'h', 'm', 's' -> out.append(c == 'd' && run >= 3 ? (run == 3 ? "EEE" : "EEEE") : token);
                case 'f', 'F' -> out.append("S".repeat(run));
                case 't' -> out.append("a");
                case 'z' -> out.append(run >= 3 ? "xxx" : "x");
                case 'K' -> out.append(kind == Kind.UTC ? "'Z'" : kind == Kind.LOCAL ? "xxx" : "");
                case '\'', '"' -> {
                    int end = f.indexOf(c, i + 1);
                    String lit = f.substring(i + 1, end < 0 ? f.length() : end);
                    out.append('\'').append(lit.replace("'", "''")).append('\'');
                    run = (end < 0 ? f.length() : end + 1) - i;
                }
                default -> {
                    if (Character.isLetter(c)) {
                        out.append('\'').append(token).append('\'');
                    } else {
                        out.append(token.replace("'", "''"));
                    }
                }
            }
            i += run;
        }
        String p = out.toString();
        // java.time needs an offset for x patterns: a local wall clock gets the server's zone
        return p;
    }

    /** PowerShell's string conversion (invariant culture): {@code 11/26/2026 04:15:00}. */
    public String invariantString() {
        return wallClock.format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT));
    }

    /** How Out-Default shows a DateTime in en-US: {@code Thursday, November 26, 2026 4:15:00 AM}. */
    public String displayString() {
        return wallClock.format(DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy h:mm:ss a", Locale.US));
    }

    /** .NET's {@code ToString()} in en-US: {@code 11/26/2026 4:15:00 AM}. */
    @Override
    public String toString() {
        return wallClock.format(DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US));
    }
}
