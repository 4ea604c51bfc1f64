package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;

/** Formats errors as Windows PowerShell 5.1's console host writes them (NormalView), one string per line. */
final class ErrorFormatter {

    private ErrorFormatter() {
    }

    /** A runtime error: message (with the command prefix), position, CategoryInfo, FullyQualifiedErrorId. */
    static List<String> lines(PsException e, SourceText source) {
        ErrorRecord r = e.record();
        PsException.ErrorContext ctx = e.context();
        List<String> lines = new ArrayList<>();
        String prefix = ctx == null || ctx.prefix() == null ? "" : ctx.prefix();
        for (String l : (prefix + r.message()).split("\r\n|\n|\r", -1)) {
            lines.add(l);
        }
        if (ctx != null && ctx.extent() != null) {
            lines.addAll(position(ctx.extent(), ctx.source() != null ? ctx.source() : source));
        }
        String activity = ctx == null || ctx.activity() == null ? "" : ctx.activity();
        lines.add("    + CategoryInfo          : " + categoryInfo(r, activity));
        lines.add("    + FullyQualifiedErrorId : " + fullyQualifiedErrorId(e));
        lines.add(" ");
        return lines;
    }

    static String categoryInfo(ErrorRecord r, String activity) {
        return r.category().name() + ": (" + r.targetName() + ":" + r.targetType() + ") [" + activity + "], "
                + (r.exceptionType() == null ? "RuntimeException" : r.exceptionType());
    }

    static String fullyQualifiedErrorId(PsException e) {
        PsException.ErrorContext ctx = e.context();
        String suffix = ctx == null ? null : ctx.errorIdSuffix();
        return e.record().errorId() + (suffix == null ? "" : "," + suffix);
    }

    /** "At line:L char:C", the line, and tildes under the extent (to the end of its first line). */
    static List<String> position(Ast.Extent extent, SourceText source) {
        int line = source.line(extent.start());
        int col = source.column(extent.start());
        String text = source.lineText(line);
        int endLine = source.line(Math.max(extent.start(), extent.end() - 1));
        int width;
        if (endLine == line) {
            width = Math.max(1, extent.end() - extent.start());
        } else {
            width = Math.max(1, text.length() - (col - 1));
        }
        List<String> lines = new ArrayList<>();
        lines.add("At line:" + line + " char:" + col);
        lines.add("+ " + text);
        lines.add("+ " + " ".repeat(col - 1) + "~".repeat(width));
        return lines;
    }

    /** A parser error: position first, then the message, as PowerShell prints ParseException. */
    static List<String> parseError(ParseException e, SourceText source) {
        List<String> lines = new ArrayList<>();
        Ast.Extent at = new Ast.Extent(e.offset(), e.offset() + 1);
        int line = source.line(e.offset());
        int col = source.column(e.offset());
        lines.add("At line:" + line + " char:" + col);
        lines.add("+ " + source.lineText(line));
        lines.add("+ " + " ".repeat(col - 1) + "~".repeat(e.length()));
        lines.add(e.getMessage());
        lines.add("    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException");
        lines.add("    + FullyQualifiedErrorId : " + e.errorId());
        lines.add(" ");
        return at == null ? List.of() : lines;
    }
}
