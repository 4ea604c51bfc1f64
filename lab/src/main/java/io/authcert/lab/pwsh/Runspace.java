package io.authcert.lab.pwsh;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One powershell.exe process: parses the script, runs it, formats its output and its errors. Holds
 * the state that lives as long as the process: variables, functions, loaded snap-ins, $Error, the
 * console encoding, the environment copy.
 */
final class Runspace {

    private final Session session;
    private final ScriptOutput out = new ScriptOutput();
    private final Set<String> snapIns = new LinkedHashSet<>();
    private final Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Object> errors = new ArrayList<>();
    private final Map<PsObject, PsException> errorObjects = new IdentityHashMap<>();
    private String script = "";
    private SourceText source = new SourceText("");
    private java.io.InputStream stdin;
    private io.authcert.lab.Caller caller = io.authcert.lab.Caller.console("CONTOSO\\administrator");
    private final List<ImportedCommands> imports = new ArrayList<>();

    /** Who this process runs as (the WinRM logon; the console's administrator when run directly). */
    io.authcert.lab.Caller caller() {
        return caller;
    }

    Runspace withCaller(io.authcert.lab.Caller who) {
        if (who != null) {
            this.caller = who;
        }
        return this;
    }

    /** Commands imported from remote sessions, in import order. */
    List<ImportedCommands> imports() {
        return imports;
    }

    /** A cmdlet visible to the script: from a loaded snap-in first, else from an imported session that provides it. */
    java.util.Optional<Cmdlet> findCmdlet(String name) {
        java.util.Optional<Cmdlet> local = session.registry().find(name, snapIns);
        if (local.isPresent()) {
            return local;
        }
        for (int i = imports.size() - 1; i >= 0; i--) {
            ImportedCommands imported = imports.get(i);
            java.util.Optional<Cmdlet> remote = session.registry().find(name, List.of(imported.snapIn()))
                    .filter(c -> imported.provides(c.name()));
            if (remote.isPresent()) {
                return remote;
            }
        }
        return java.util.Optional.empty();
    }

    /** The process's standard input ([Console]::OpenStandardInput()). */
    java.io.InputStream stdin() {
        return stdin;
    }

    Runspace withStdin(java.io.InputStream in) {
        this.stdin = in;
        return this;
    }

    Runspace(Session session, int consoleWidth) {
        this.session = session;
        out.consoleWidth(consoleWidth);
        env.putAll(session.environment());
    }

    ScriptOutput run(String scriptText) {
        this.script = scriptText;
        this.source = new SourceText(scriptText);
        Ast.Block block;
        try {
            block = new Parser(scriptText).parseScript();
        } catch (ParseException e) {
            out.writeStream("Error", ErrorFormatter.parseError(e, source));
            out.exitCode(1);
            return out;
        }
        Interpreter interpreter = new Interpreter(this);
        LanguagePrimitives.SERVER_ZONE.set(session.clock().getZone());
        try {
            out.exitCode(interpreter.runScript(block));
        } finally {
            LanguagePrimitives.SERVER_ZONE.remove();
        }
        return out;
    }

    private static final java.util.Set<String> INCOMPLETE = java.util.Set.of("MissingEndCurlyBrace",
            "MissingEndParenthesisInExpression", "MissingEndParenthesisInSubexpression", "TerminatorExpectedAtEndOfString",
            "MissingEndParenthesisInMethodCall", "EmptyPipeElement", "MissingStatementBlock",
            "MissingStatementBlockAfterElse", "MissingEndParenthesisAfterStatement", "MissingCatchOrFinally",
            "MissingFunctionBody", "MissingEndCurlyBraceInHashLiteral", "ExpectedValueExpression",
            "MissingEndParenthesisInFunctionParameterList", "IncompleteHashLiteral");

    /**
     * {@code powershell -Command -}: input is read as the console host reads redirected input. A line
     * that is a complete statement runs at once; an incomplete one starts a block that runs when an
     * empty line ends it (a block still open at the end of the input never runs). Each piece is its
     * own command: an error ends that piece only, and output is formatted per piece.
     */
    ScriptOutput runInteractive(String input) {
        this.script = input;
        Interpreter interpreter = new Interpreter(this);
        LanguagePrimitives.SERVER_ZONE.set(session.clock().getZone());
        try {
            StringBuilder pending = null;
            List<String> lines = new ArrayList<>(List.of(input.split("\r?\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1); // the text after the last line break is not a line
            }
            for (String line : lines) {
                if (pending == null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (isComplete(line)) {
                        Integer exit = runPiece(interpreter, line);
                        if (exit != null) {
                            out.exitCode(exit);
                            return out;
                        }
                    } else {
                        pending = new StringBuilder(line);
                    }
                } else if (line.isBlank()) {
                    Integer exit = runPiece(interpreter, pending.toString());
                    pending = null;
                    if (exit != null) {
                        out.exitCode(exit);
                        return out;
                    }
                } else {
                    pending.append("\r\n").append(line);
                }
            }
            out.exitCode(interpreter.lastStatus());
            return out;
        } finally {
            LanguagePrimitives.SERVER_ZONE.remove();
        }
    }

    private static boolean isComplete(String text) {
        if (text.stripTrailing().endsWith("`")) {
            return false;
        }
        try {
            new Parser(text).parseScript();
            return true;
        } catch (ParseException e) {
            return !INCOMPLETE.contains(e.errorId()) && e.offset() < text.stripTrailing().length();
        }
    }

    /** Runs one piece of interactive input; returns an exit code when the piece ran exit. */
    private Integer runPiece(Interpreter interpreter, String text) {
        this.source = new SourceText(text);
        this.script = text;
        Ast.Block block;
        try {
            block = new Parser(text).parseScript();
        } catch (ParseException e) {
            // not executed, so the exit status stays that of the last command that ran
            out.writeStream("Error", ErrorFormatter.parseError(e, source));
            return null;
        }
        return interpreter.runPiece(block);
    }

    Session session() {
        return session;
    }

    ScriptOutput output() {
        return out;
    }

    SourceText source() {
        return source;
    }

    String scriptText() {
        return script;
    }

    Map<String, String> env() {
        return env;
    }

    Set<String> snapIns() {
        return snapIns;
    }

    /** $Error, most recent first. */
    List<Object> errors() {
        return errors;
    }

    void setConsoleEncoding(Charset charset) {
        out.encoding(charset);
    }

    Charset consoleEncoding() {
        return out.encoding();
    }

    /** The ErrorRecord object a script sees for an error ($_ in catch, $Error[0]). */
    PsObject errorObject(PsException e) {
        for (Map.Entry<PsObject, PsException> entry : errorObjects.entrySet()) {
            if (entry.getValue() == e) {
                return entry.getKey();
            }
        }
        ErrorRecord r = e.record();
        PsObject exception = new PsObject("System.Management.Automation." + exceptionTypeName(r))
                .set("Message", r.message()).withToString(r.message());
        PsException.ErrorContext ctx = e.context();
        String activity = ctx == null || ctx.activity() == null ? "" : ctx.activity();
        PsObject category = new PsObject("System.Management.Automation.ErrorCategoryInfo")
                .set("Category", ErrorEnums.CATEGORY.parse(r.category().name()))
                .set("Activity", activity)
                .set("Reason", r.exceptionType())
                .set("TargetName", r.targetName())
                .set("TargetType", r.targetType())
                .withToString(ErrorFormatter.categoryInfo(r, activity));
        PsObject obj = new PsObject("System.Management.Automation.ErrorRecord")
                .set("Exception", exception)
                .set("TargetObject", e.thrownObject() != null ? e.thrownObject()
                        : r.targetName().isEmpty() ? null : r.targetName())
                .set("CategoryInfo", category)
                .set("FullyQualifiedErrorId", ErrorFormatter.fullyQualifiedErrorId(e))
                .set("ErrorDetails", null)
                .set("InvocationInfo", null)
                .set("ScriptStackTrace", "at <ScriptBlock>, <No file>")
                .withToString(r.message());
        errorObjects.put(obj, e);
        return obj;
    }

    private static String exceptionTypeName(ErrorRecord r) {
        String t = r.exceptionType() == null ? "RuntimeException" : r.exceptionType();
        return t;
    }

    /** The error behind an ErrorRecord object, for {@code throw $_}. */
    PsException errorFor(Object value) {
        return value instanceof PsObject o ? errorObjects.get(o) : null;
    }
}
