package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;

/**
 * Out-Default: turns output objects into text as Windows PowerShell's console formatting does for
 * the shapes the lab produces: strings verbatim, scalars as text, objects with up to four shown
 * properties as a table and with more as a list, hashtables as a Name/Value table.
 */
final class Formatter {

    private Formatter() {
    }

    static void format(List<Object> objects, ScriptOutput out) {
        int i = 0;
        while (i < objects.size()) {
            Object o = objects.get(i);
            if (o instanceof List<?> l) {
                List<Object> flat = new ArrayList<>(l);
                format(flat, out);
                i++;
                continue;
            }
            if (o instanceof PsHashtable) {
                List<PsHashtable> group = new ArrayList<>();
                while (i < objects.size() && objects.get(i) instanceof PsHashtable h) {
                    group.add(h);
                    i++;
                }
                hashTable(group, out);
                continue;
            }
            if (o instanceof PsObject po && !po.hasCustomToString()) {
                List<String> props = displayed(po);
                List<PsObject> group = new ArrayList<>();
                while (i < objects.size() && objects.get(i) instanceof PsObject p && !p.hasCustomToString()
                        && p.typeName().equals(po.typeName()) && displayed(p).equals(props)) {
                    group.add(p);
                    i++;
                }
                if (props.size() <= 4) {
                    table(props, group, out);
                } else {
                    list(props, group, out);
                }
                continue;
            }
            scalar(o, out);
            i++;
        }
    }

    private static List<String> displayed(PsObject o) {
        return o.defaultDisplay().isEmpty() ? o.propertyNames() : o.defaultDisplay();
    }

    private static void scalar(Object o, ScriptOutput out) {
        if (o == null || o == Interpreter.VOID) {
            return;
        }
        if (o instanceof PsDateTime d) {
            out.writeLine("");
            out.writeLine(d.displayString());
            out.writeLine("");
            out.writeLine("");
            return;
        }
        String text = o instanceof String s ? s : cell(o);
        for (String line : text.split("\r\n|\n", -1)) {
            out.writeLine(line);
        }
    }

    /** A value as a table or list cell. */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(4, l.size()); i++) {
                parts.add(cell(l.get(i)));
            }
            return "{" + String.join(", ", parts) + (l.size() > 4 ? "..." : "") + "}";
        }
        if (v instanceof PsDateTime d) {
            return d.toString();
        }
        return LanguagePrimitives.toStringValue(v);
    }

    private static void table(List<String> headers, List<PsObject> rows, ScriptOutput out) {
        List<List<String>> cells = new ArrayList<>();
        for (PsObject r : rows) {
            List<String> line = new ArrayList<>();
            headers.forEach(h -> line.add(cell(r.get(h))));
            cells.add(line);
        }
        writeTable(headers, cells, out, null);
    }

    private static void hashTable(List<PsHashtable> tables, ScriptOutput out) {
        List<List<String>> cells = new ArrayList<>();
        for (PsHashtable h : tables) {
            for (Object k : h.keys()) {
                cells.add(List.of(cell(k), cell(h.get(k))));
            }
        }
        writeTable(List.of("Name", "Value"), cells, out, 30);
    }

    private static void writeTable(List<String> headers, List<List<String>> cells, ScriptOutput out, Integer firstWidth) {
        int n = headers.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : cells) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        if (firstWidth != null && n > 1) {
            width[0] = Math.max(width[0], firstWidth);
        }
        out.writeLine("");
        out.writeLine(row(headers, width));
        List<String> dashes = new ArrayList<>();
        headers.forEach(h -> dashes.add("-".repeat(h.length())));
        out.writeLine(row(dashes, width));
        for (List<String> r : cells) {
            out.writeLine(row(r, width));
        }
        out.writeLine("");
        out.writeLine("");
    }

    private static String row(List<String> values, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            String v = values.get(c);
            if (c < values.size() - 1) {
                sb.append(v).append(" ".repeat(width[c] - v.length() + 1));
            } else {
                sb.append(v);
            }
        }
        return sb.toString().stripTrailing();
    }

    private static void list(List<String> props, List<PsObject> objects, ScriptOutput out) {
        int width = 0;
        for (String p : props) {
            width = Math.max(width, p.length());
        }
        out.writeLine("");
        for (PsObject o : objects) {
            out.writeLine("");
            for (String p : props) {
                out.writeLine(p + " ".repeat(width - p.length()) + " : " + cell(o.get(p)));
            }
        }
        out.writeLine("");
        out.writeLine("");
    }
}
