package io.authcert.lab.exchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads the PowerShell script out of a powershell.exe command line (for the audit log and for faults
 * keyed on a cmdlet name): {@code -EncodedCommand} base64 of UTF-16LE, {@code -Command -} from stdin,
 * or {@code -Command text}. The interpreter does its own, authoritative parsing; this only reports.
 */
final class CommandLineScript {

    /** How the command line delivers its script. */
    enum Source { ENCODED, STDIN, INLINE, NONE }

    record Parsed(Source source, String text) {
    }

    private CommandLineScript() {
    }

    static Parsed parse(String command, List<String> arguments) {
        List<String> tokens = new ArrayList<>();
        for (String part : (command == null ? "" : command).trim().split("\\s+")) {
            if (!part.isEmpty()) {
                tokens.add(part);
            }
        }
        if (arguments != null) {
            for (String a : arguments) {
                for (String part : a.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        tokens.add(part);
                    }
                }
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).toLowerCase(Locale.ROOT);
            if (!t.startsWith("-") && !t.startsWith("/")) {
                continue;
            }
            String name = t.substring(1);
            if ((name.equals("e") || name.equals("ec") || name.startsWith("enc")) && i + 1 < tokens.size()) {
                try {
                    return new Parsed(Source.ENCODED, new String(Base64.getDecoder().decode(tokens.get(i + 1).trim()),
                            StandardCharsets.UTF_16LE));
                } catch (IllegalArgumentException e) {
                    return new Parsed(Source.ENCODED, "<not base64: " + tokens.get(i + 1) + ">");
                }
            }
            if (name.equals("c") || name.startsWith("com")) {
                if (i + 1 < tokens.size() && tokens.get(i + 1).equals("-") && i + 2 == tokens.size()) {
                    return new Parsed(Source.STDIN, null);
                }
                return new Parsed(Source.INLINE, String.join(" ", tokens.subList(i + 1, tokens.size())));
            }
        }
        return new Parsed(Source.NONE, String.join(" ", tokens));
    }
}
