package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;

/** The script text with line starts, to turn offsets into "At line:L char:C" and the line shown under it. */
final class SourceText {

    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();

    SourceText(String text) {
        this.text = text;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                lineStarts.add(i + 1);
            }
        }
    }

    /** 1-based line of an offset. */
    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (lineStarts.get(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of an offset. */
    int column(int offset) {
        return offset - lineStarts.get(line(offset) - 1) + 1;
    }

    /** The text of a 1-based line without its line break. */
    String lineText(int line) {
        int start = lineStarts.get(line - 1);
        int end = line < lineStarts.size() ? lineStarts.get(line) : text.length();
        String s = text.substring(start, end);
        return s.replaceAll("[\r\n]+$", "");
    }
}
