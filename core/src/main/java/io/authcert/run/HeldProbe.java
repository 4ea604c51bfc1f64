package io.authcert.run;

import java.time.Duration;

/**
 * A wait's probe that waits on the server: it runs the probe, and while the answer is not {@code ready} runs it
 * again once a second, up to a number of times, then prints the last answer. One command then covers a whole
 * poll interval and answers within a second of the server becoming ready, where polling from the engine costs a
 * round trip per look and answers up to an interval late. The probe changes nothing, so running it again is safe;
 * the count bounds the loop whatever the server's clock does.
 */
final class HeldProbe {

    private HeldProbe() {
    }

    /** How many looks a hold of {@code hold} makes, one a second after the first; 0: the probe alone. */
    static int looks(Duration hold) {
        return (int) Math.min(3600, Math.max(0, hold.toSeconds()));
    }

    /** {@code probe} held for up to {@code hold}: the probe itself when that is under a second. */
    static String wrap(String probe, Duration hold) {
        int looks = looks(hold);
        if (looks == 0) {
            return probe;
        }
        return "$authcertLooksLeft = " + looks + "\n"
                + "while ($true) {\n"
                + "    $authcertAnswer = @(& {\n"
                + probe + (probe.endsWith("\n") ? "" : "\n")
                + "    })\n"
                + "    $authcertLast = [string]($authcertAnswer | Select-Object -Last 1)\n"
                + "    if ($authcertLooksLeft -le 0 -or $authcertLast.Trim() -eq 'ready') { break }\n"
                + "    $authcertLooksLeft = $authcertLooksLeft - 1\n"
                + "    Start-Sleep -Seconds 1\n"
                + "}\n"
                + "$authcertAnswer\n";
    }
}
