package io.authcert.run;

/**
 * What a wait step's probe said on its last line: {@code ready}, or {@code pending: <what is missing>}.
 * Anything else counts as pending with the unexpected line quoted, so a broken probe times out
 * visibly instead of passing.
 */
record ProbeAnswer(boolean ready, String missing) {

    static ProbeAnswer parse(String stdout) {
        String last = lastLine(stdout);
        if (last.equalsIgnoreCase("ready")) {
            return new ProbeAnswer(true, "");
        }
        if (last.regionMatches(true, 0, "pending:", 0, 8)) {
            return new ProbeAnswer(false, last.substring(8).trim());
        }
        return new ProbeAnswer(false, last.isEmpty() ? "the probe printed nothing" : "unexpected probe output: " + last);
    }

    static String lastLine(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
