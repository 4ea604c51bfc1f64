package io.authcert.lab.wsman;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line as the Windows Remote Shell hands it to {@code cmd.exe /c}: the 8,191-character
 * limit, cmd's stripping of one pair of outer quotes (Overthere wraps the whole line in quotes), and
 * the program's own argument splitting ({@code CommandLineToArgvW} rules).
 */
record CmdExeLine(String program, List<String> arguments) {

    /** cmd.exe's limit on the length of a command line, in characters. */
    static final int MAX_LENGTH = 8191;

    /** What cmd.exe prints on stderr when the line is longer than {@link #MAX_LENGTH}. */
    static final String TOO_LONG = "The command line is too long.\r\n";

    /** Joins the Command element and the Arguments elements the way WinRS passes them to cmd.exe. */
    static String join(String command, List<String> arguments) {
        StringBuilder sb = new StringBuilder(command);
        for (String a : arguments) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    static boolean tooLong(String line) {
        return line.length() > MAX_LENGTH;
    }

    static CmdExeLine parse(String line) {
        String s = line.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' && !isSingleQuotedProgram(s)) {
            s = s.substring(1, s.length() - 1);
        }
        List<String> argv = splitArgv(s);
        if (argv.isEmpty()) {
            return new CmdExeLine("", List.of());
        }
        return new CmdExeLine(argv.get(0), List.copyOf(argv.subList(1, argv.size())));
    }

    /** {@code "C:\Program Files\x.exe"} alone: cmd keeps these quotes (the string names the program). */
    private static boolean isSingleQuotedProgram(String s) {
        return s.indexOf('"', 1) == s.length() - 1 && !s.substring(1, s.length() - 1).contains(" -");
    }

    /** Splits like CommandLineToArgvW: whitespace separates, quotes group, backslashes escape quotes. */
    static List<String> splitArgv(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                int n = 0;
                while (i < s.length() && s.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < s.length() && s.charAt(i) == '"') {
                    cur.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        cur.append('"');
                        i++;
                    }
                } else {
                    cur.append("\\".repeat(n));
                }
                any = true;
                continue;
            }
            if (c == '"') {
                if (inQuotes && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i += 2;
                    continue;
                }
                inQuotes = !inQuotes;
                any = true;
                i++;
                continue;
            }
            if (!inQuotes && (c == ' ' || c == '\t')) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
                i++;
                continue;
            }
            cur.append(c);
            any = true;
            i++;
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
