package io.authcert.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the CLI writes, and whether it may use colour and redraw lines: colour only on a terminal and
 * never with {@code NO_COLOR} set. The only place that touches {@code System.out}.
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean interactive, boolean colour) {

    public static Terminal system() {
        boolean tty = System.console() != null;
        Map<String, String> env = System.getenv();
        boolean noColour = env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"));
        return new Terminal(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                tty, tty && !noColour);
    }

    /** A terminal writing into the given writers, no colour, not interactive (tests, pipes). */
    public static Terminal plain(PrintWriter out, PrintWriter err) {
        return new Terminal(out, err, false, false);
    }

    public String bold(String s) {
        return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    public String red(String s) {
        return colour ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    public String green(String s) {
        return colour ? "\u001b[32m" + s + "\u001b[0m" : s;
    }

    public String yellow(String s) {
        return colour ? "\u001b[33m" + s + "\u001b[0m" : s;
    }
}
