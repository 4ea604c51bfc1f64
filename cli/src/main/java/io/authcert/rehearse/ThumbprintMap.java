package io.authcert.rehearse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which twin certificate stands for which real one. The twin's certificates are new ones (a thumbprint
 * is the SHA-1 of a certificate that only the real servers hold), so a plan's scripts and details are
 * rewritten into the twin's thumbprints before they run there, and what the twin shows is written back.
 */
public final class ThumbprintMap {

    private static final Pattern THUMBPRINT = Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])");

    private final Map<String, String> toTwin = new LinkedHashMap<>();
    private final Map<String, String> toReal = new LinkedHashMap<>();

    void put(String real, String twin) {
        String r = real.toUpperCase(Locale.ROOT);
        String t = twin.toUpperCase(Locale.ROOT);
        toTwin.put(r, t);
        toReal.put(t, r);
    }

    /** The twin's thumbprint for a real one, or null when the twin has none. */
    public String twinOf(String real) {
        return real == null ? null : toTwin.get(real.toUpperCase(Locale.ROOT));
    }

    /** The real thumbprint a twin one stands for, or null. */
    public String realOf(String twin) {
        return twin == null ? null : toReal.get(twin.toUpperCase(Locale.ROOT));
    }

    /** Real thumbprint to twin thumbprint, every one. */
    public Map<String, String> pairs() {
        return Collections.unmodifiableMap(toTwin);
    }

    /** {@code text} with every real thumbprint written as its twin's (in the case the text used). */
    public String intoTwin(String text) {
        return replace(text, toTwin);
    }

    /** {@code text} with every twin thumbprint written as the real one it stands for. */
    public String intoReal(String text) {
        return replace(text, toReal);
    }

    private static String replace(String text, Map<String, String> map) {
        if (text == null || map.isEmpty()) {
            return text;
        }
        Matcher m = THUMBPRINT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            String mapped = map.get(found.toUpperCase(Locale.ROOT));
            String written = mapped == null ? found
                    : found.equals(found.toLowerCase(Locale.ROOT)) ? mapped.toLowerCase(Locale.ROOT) : mapped;
            m.appendReplacement(out, Matcher.quoteReplacement(written));
        }
        m.appendTail(out);
        return out.toString();
    }
}
