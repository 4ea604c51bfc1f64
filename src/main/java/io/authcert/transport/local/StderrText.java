package io.authcert.transport.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes powershell.exe's stderr readable: non-interactive powershell.exe writes errors as
 * {@code #< CLIXML} followed by serialized error records; the messages are the {@code S="Error"}
 * strings, with {@code _x000D__x000A_} escapes for line breaks.
 */
final class StderrText {

    private static final Pattern ERROR_STRING = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private StderrText() {
    }

    static String decode(String stderr) {
        if (stderr == null || !stderr.stripLeading().startsWith("#< CLIXML")) {
            return stderr;
        }
        List<String> parts = new ArrayList<>();
        Matcher m = ERROR_STRING.matcher(stderr);
        while (m.find()) {
            parts.add(unescape(m.group(1)));
        }
        return parts.isEmpty() ? stderr : String.join("", parts).strip();
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }
}
