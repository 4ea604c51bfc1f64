package io.authcert.run;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** For tests that check what a server is sent: a held probe runs the wait's own probe, so that is what it sends. */
public final class HeldProbes {

    private static final Pattern HELD = Pattern.compile("(?s)\\$authcertLooksLeft = (\\d+)\n.*?@\\(& \\{\n(.*?)\n    }\\)\n.*");

    private HeldProbes() {
    }

    /** The probe a held probe runs; any other script as it is. */
    public static String unwrapped(String script) {
        Matcher m = HELD.matcher(script);
        if (m.matches()) {
            // HeldProbe ends a probe with a line break when it has none: the probe with one is tried first
            for (String probe : List.of(m.group(2) + "\n", m.group(2))) {
                if (HeldProbe.wrap(probe, Duration.ofSeconds(Long.parseLong(m.group(1)))).equals(script)) {
                    return probe;
                }
            }
        }
        return script;
    }
}
