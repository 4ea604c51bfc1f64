package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The powershell.exe command line, split and read as powershell.exe reads its switches. */
record HostCommandLine(String encodedCommand, boolean scriptFromStdin, String commandText, String error, int exitCode) {

    private static final List<String> VALUE_SWITCHES = List.of("executionpolicy", "ep", "inputformat", "if",
            "outputformat", "of", "o", "windowstyle", "w", "version", "psconsolefile", "configurationname");
    private static final List<String> FLAG_SWITCHES = List.of("noprofile", "nop", "noninteractive", "noni",
            "nologo", "noexit", "sta", "mta", "noprofileloadtime");

    static HostCommandLine parse(String command, List<String> arguments) {
        List<String> tokens = new ArrayList<>(split(command == null ? "" : command));
        if (arguments != null) {
            arguments.forEach(a -> tokens.addAll(split(a)));
        }
        if (tokens.size() >= 2 && (tokens.get(0).equalsIgnoreCase("cmd") || tokens.get(0).equalsIgnoreCase("cmd.exe"))
                && tokens.get(1).equalsIgnoreCase("/c")) {
            tokens.remove(0);
            tokens.remove(0);
        }
        if (tokens.isEmpty() || !isPowerShell(tokens.get(0))) {
            String program = tokens.isEmpty() ? "" : tokens.get(0);
            return failure("'" + program + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.\r\n", 1);
        }
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!t.startsWith("-") && !t.startsWith("/")) {
                return command(tokens, i);
            }
            String name = t.substring(1).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return command(tokens, i);
            }
            if (FLAG_SWITCHES.contains(name)) {
                continue;
            }
            if (VALUE_SWITCHES.contains(name)) {
                if (i + 1 >= tokens.size()) {
                    return failure("Missing argument for parameter " + t.substring(1) + ".\r\n", 1);
                }
                i++;
                continue;
            }
            if (name.length() >= 2 && "executionpolicy".startsWith(name) && name.startsWith("ex")) {
                if (i + 1 >= tokens.size()) {
                    return failure("Missing argument for parameter ExecutionPolicy.\r\n", 1);
                }
                i++;
                continue;
            }
            if ("encodedcommand".startsWith(name) || name.equals("ec")) {
                if (i + 1 >= tokens.size()) {
                    return failure("Missing argument for parameter EncodedCommand.\r\n", 1);
                }
                return new HostCommandLine(tokens.get(i + 1), false, null, null, 0);
            }
            if ("command".startsWith(name)) {
                if (i + 1 >= tokens.size()) {
                    return failure("Missing argument for parameter Command.\r\n", 1);
                }
                if (tokens.get(i + 1).equals("-") && i + 2 == tokens.size()) {
                    return new HostCommandLine(null, true, null, null, 0);
                }
                return command(tokens, i + 1);
            }
            if ("file".startsWith(name)) {
                return failure("The -File parameter is not supported by the lab's PowerShell; use -EncodedCommand.\r\n", 1);
            }
            return command(tokens, i);
        }
        // powershell.exe with no command reads commands from standard input when it is redirected
        return new HostCommandLine(null, true, null, null, 0);
    }

    private static HostCommandLine command(List<String> tokens, int from) {
        return new HostCommandLine(null, false, String.join(" ", tokens.subList(from, tokens.size())), null, 0);
    }

    private static HostCommandLine failure(String message, int exitCode) {
        return new HostCommandLine(null, false, null, message, exitCode);
    }

    private static boolean isPowerShell(String program) {
        String p = program.replace('/', '\\');
        int slash = p.lastIndexOf('\\');
        String base = p.substring(slash + 1).toLowerCase(Locale.ROOT);
        return base.equals("powershell") || base.equals("powershell.exe");
    }

    /** Splits a Windows command line: whitespace separates, double quotes group, \" is a quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
                any = true;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                any = true;
            } else if (Character.isWhitespace(c) && !inQuotes) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
