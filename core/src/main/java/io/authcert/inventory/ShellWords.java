package io.authcert.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an INI host line into words as Python's {@code shlex.split(line, comments=True)} does (POSIX
 * quoting, {@code #} starts a comment), remembering where each word starts for error columns.
 */
final class ShellWords {

    /** One word and its 0-based offset in the line. */
    record Word(String text, int offset) {
    }

    private ShellWords() {
    }

    /** @throws IllegalArgumentException when a quote is not closed */
    static List<Word> split(String line) {
        List<Word> out = new ArrayList<>();
        StringBuilder word = null;
        int start = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(new Word(word.toString(), start));
                    word = null;
                }
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            if (word == null) {
                word = new StringBuilder();
                start = i;
            }
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("no closing quotation");
                }
                word.append(line, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("no closing quotation");
                }
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("no escaped character");
                }
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            out.add(new Word(word.toString(), start));
        }
        return out;
    }
}
