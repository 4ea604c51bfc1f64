package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps error lines at a console width as powershell.exe does when its buffer is that wide: message
 * lines at word boundaries (the space stays at the end of the line), the indented "+ CategoryInfo" and
 * "+ FullyQualifiedErrorId" lines hard at width-2 characters plus a space, continued after three spaces.
 */
final class ConsoleWrap {

    private ConsoleWrap() {
    }

    static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("    + ")) {
                hard(line, width, out);
            } else if (line.startsWith("+ ") || line.startsWith("At line:")) {
                out.add(line);
            } else {
                words(line, width, out);
            }
        }
        return out;
    }

    private static void hard(String line, int width, List<String> out) {
        String rest = line;
        int chunk = width - 2;
        while (rest.length() > chunk + 1) {
            out.add(rest.substring(0, chunk) + " ");
            rest = "   " + rest.substring(chunk);
        }
        out.add(rest);
    }

    private static void words(String line, int width, List<String> out) {
        int max = width - 1;
        if (line.length() <= max) {
            out.add(line);
            return;
        }
        StringBuilder cur = new StringBuilder();
        for (String word : line.split("(?<= )")) {
            if (cur.length() + word.length() > max && cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            while (word.length() > max) {
                out.add(word.substring(0, max));
                word = word.substring(max);
            }
            cur.append(word);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
    }
}
