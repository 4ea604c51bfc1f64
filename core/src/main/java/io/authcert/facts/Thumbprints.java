package io.authcert.facts;

import java.util.Locale;

/** Thumbprints as the engine compares them: upper-case hex, no spaces or invisible marks, null when unset. */
public final class Thumbprints {

    private Thumbprints() {
    }

    /** Upper-case, without spaces, colons and the invisible left-to-right mark that certmgr copies add. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replaceAll("[\\s:\\u200E\\u200F\\uFEFF]", "").toUpperCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }

    /** The first eight characters, for tables ("3F2A91C0…"). */
    public static String shortForm(String thumbprint) {
        if (thumbprint == null) {
            return "-";
        }
        return thumbprint.length() <= 8 ? thumbprint : thumbprint.substring(0, 8) + "\u2026";
    }
}
