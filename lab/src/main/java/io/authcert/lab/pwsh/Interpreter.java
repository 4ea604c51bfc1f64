package io.authcert.lab.pwsh;

import io.authcert.lab.pwsh.Ast.Block;
import io.authcert.lab.pwsh.Ast.Command;
import io.authcert.lab.pwsh.Ast.Expression;
import io.authcert.lab.pwsh.Ast.Extent;
import io.authcert.lab.pwsh.Ast.Pipeline;
import io.authcert.lab.pwsh.Ast.PipelineElement;
import io.authcert.lab.pwsh.Ast.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Executes the syntax tree. Pipelines run stage by stage (each stage sees all of the previous
 * stage's output), which is observably the same as PowerShell's streaming for the subset, apart
 * from interleaving with Write-Host.
 */
final class Interpreter {

    /** Control flow, as exceptions through the Java stack. */
    static final class ReturnSignal extends RuntimeException {
        ReturnSignal() {
            super(null, null, false, false);
        }
    }

    static final class BreakSignal extends RuntimeException {
        BreakSignal() {
            super(null, null, false, false);
        }
    }

    static final class ContinueSignal extends RuntimeException {
        ContinueSignal() {
            super(null, null, false, false);
        }
    }

    static final class ExitSignal extends RuntimeException {
        final int code;

        ExitSignal(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /** A value that writes nothing ([void] casts). */
    static final Object VOID = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("%", "ForEach-Object"), Map.entry("foreach", "ForEach-Object"),
            Map.entry("?", "Where-Object"), Map.entry("where", "Where-Object"),
            Map.entry("select", "Select-Object"), Map.entry("echo", "Write-Output"),
            Map.entry("write", "Write-Output"), Map.entry("gcm", "Get-Command"),
            Map.entry("gsv", "Get-Service"), Map.entry("gps", "Get-Process"), Map.entry("ps", "Get-Process"),
            Map.entry("gci", "Get-ChildItem"), Map.entry("dir", "Get-ChildItem"), Map.entry("ls", "Get-ChildItem"));

    private final Runspace runspace;
    private final Scope global = new Scope(null);
    private final Map<String, Function> functions = new HashMap<>();
    private final Members members;
    private Scope current = global;
    private int tryDepth;
    private boolean lastSucceeded = true;
    /** The innermost function call: for Write-Error's "f : message" and position. */
    private Command callingCommand;
    private String callingFunction;

    record Function(String name, List<Ast.ParamDecl> parameters, Block body) {
    }

    /** Variables of one scope; lookups fall back to the parent (PowerShell's dynamic scoping). */
    static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Scope find(String key) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    Interpreter(Runspace runspace) {
        this.runspace = runspace;
        this.members = new Members(this);
        global.vars.put("erroractionpreference", "Continue");
        global.vars.put("progresspreference", "Continue");
        global.vars.put("warningpreference", "Continue");
        global.vars.put("verbosepreference", "SilentlyContinue");
        global.vars.put("confirmpreference", "High");
        global.vars.put("lastexitcode", null);
        global.vars.put("ofs", " ");
        global.vars.put("pid", 4242);
        PsHashtable version = PsHashtable.unordered();
        version.put("PSVersion", new PsObject("System.Version").withToString("5.1.17763.1852")
                .set("Major", 5).set("Minor", 1).set("Build", 17763).set("Revision", 1852));
        version.put("PSEdition", "Desktop");
        version.put("CLRVersion", "4.0.30319.42000");
        version.put("BuildVersion", "10.0.17763.1852");
        version.put("WSManStackVersion", "3.0");
        version.put("PSRemotingProtocolVersion", "2.3");
        version.put("SerializationVersion", "1.1.0.1");
        global.vars.put("psversiontable", version);
        global.vars.put("pshome", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0");
        global.vars.put("home", "C:\\Users\\Administrator");
    }

    Runspace runspace() {
        return runspace;
    }

    Members members() {
        return members;
    }

    // ---- the script ----------------------------------------------------------------------------

    /** Runs the whole script; returns the process exit code. */
    int runScript(Block block) {
        try {
            executeStatements(block.statements(), pending);
            return lastSucceeded ? 0 : 1;
        } catch (ExitSignal e) {
            return e.code;
        } catch (PsException e) {
            reportError(e);
            return 1;
        } catch (ReturnSignal | BreakSignal | ContinueSignal e) {
            return lastSucceeded ? 0 : 1;
        } finally {
            flushOutput();
        }
    }

    /** One piece of -Command - input: an error ends the piece only. Returns the exit code after exit, else null. */
    Integer runPiece(Block block) {
        try {
            executeStatements(block.statements(), pending);
            return null;
        } catch (ExitSignal e) {
            return e.code;
        } catch (PsException e) {
            lastSucceeded = false;
            reportError(e);
            return null;
        } catch (ReturnSignal | BreakSignal | ContinueSignal e) {
            return null;
        } finally {
            flushOutput();
        }
    }

    /** The exit code powershell.exe reports when the input ends without exit: 0 if the last command succeeded. */
    int lastStatus() {
        return lastSucceeded ? 0 : 1;
    }

    /**
     * Output of the script waiting for Out-Default. Like powershell.exe, the whole script's output
     * goes through one formatter, so consecutive objects of a type share one table; it is flushed
     * before anything else writes to stdout (Write-Host) and at the end.
     */
    private final List<Object> pending = new ArrayList<>();

    void flushOutput() {
        if (!pending.isEmpty()) {
            Formatter.format(new ArrayList<>(pending), runspace.output());
            pending.clear();
        }
    }

    /** Prints an error record to stderr and records it in $Error. */
    void reportError(PsException e) {
        recordError(e);
        runspace.output().writeStream("Error", ErrorFormatter.lines(e, runspace.source()));
    }

    void recordError(PsException e) {
        runspace.errors().add(0, runspace.errorObject(e));
    }

    /**
     * Runs statements, writing their output to {@code output}. At the top level the output goes to
     * Out-Default after each statement, so text and errors keep their order.
     */
    void executeStatements(List<Statement> statements, List<Object> output) {
        for (Statement s : statements) {
            try {
                lastSucceeded = true;
                executeStatement(s, output);
            } catch (PsException e) {
                lastSucceeded = false;
                // what a failed block wrote before the error still reaches this statement's output
                output.addAll(e.takePartial());
                if (tryDepth > 0 || e.scriptTerminating() || isStop(preference())) {
                    throw e;
                }
                reportError(e);
            }
        }
    }

    static boolean isStop(String preference) {
        return "stop".equalsIgnoreCase(preference);
    }

    /** $ErrorActionPreference as seen from the current scope. */
    String preference() {
        Object v = getVariable(null, "ErrorActionPreference");
        return v == null ? "Continue" : LanguagePrimitives.toStringValue(v);
    }

    void executeStatement(Statement s, List<Object> output) {
        if (s instanceof Ast.PipelineStatement p && p.pipeline().elements().size() == 1
                && p.pipeline().elements().get(0) instanceof Ast.ExpressionElement ee && ee.expression() instanceof Ast.Unary u
                && (u.op().startsWith("post") || u.op().startsWith("pre"))) {
            evaluate(u); // $i++ as a statement writes nothing
        } else if (s instanceof Ast.PipelineStatement p) {
            List<Object> result = runPipeline(p.pipeline(), null);
            for (Object o : result) {
                if (o != VOID) {
                    output.add(o);
                }
            }
        } else if (s instanceof Ast.Assignment a) {
            assign(a);
        } else if (s instanceof Ast.If i) {
            for (Ast.Clause c : i.clauses()) {
                if (LanguagePrimitives.toBool(pipelineValue(c.condition()))) {
                    executeStatements(c.body().statements(), output);
                    return;
                }
            }
            if (i.elseBody() != null) {
                executeStatements(i.elseBody().statements(), output);
            }
        } else if (s instanceof Ast.Foreach f) {
            Object collection = pipelineValue(f.collection());
            for (Object item : LanguagePrimitives.enumerate(collection instanceof PsHashtable ? List.of(collection)
                    : collection)) {
                setVariable(null, f.variable(), item);
                try {
                    executeStatements(f.body().statements(), output);
                } catch (BreakSignal b) {
                    break;
                } catch (ContinueSignal c) {
                    // next item
                }
            }
        } else if (s instanceof Ast.While w) {
            int guard = 0;
            while (LanguagePrimitives.toBool(pipelineValue(w.condition()))) {
                if (++guard > 1_000_000) {
                    throw runtimeError("The lab's PowerShell stopped a loop that ran a million times.",
                            ErrorCategory.LimitsExceeded, "LabLoopLimit", w.extent());
                }
                try {
                    executeStatements(w.body().statements(), output);
                } catch (BreakSignal b) {
                    break;
                } catch (ContinueSignal c) {
                    // next round
                }
            }
        } else if (s instanceof Ast.Try t) {
            executeTry(t, output);
        } else if (s instanceof Ast.Throw t) {
            Object value = t.value() == null ? null : pipelineValue(t.value());
            PsException original = runspace.errorFor(value);
            if (original != null) {
                throw original.scriptTerminating(true);
            }
            if (value == null && current.find("_") != null && runspace.errorFor(getVariable(null, "_")) != null) {
                throw runspace.errorFor(getVariable(null, "_")).scriptTerminating(true);
            }
            String message = value == null ? "ScriptHalted" : LanguagePrimitives.toStringValue(value);
            ErrorRecord r = new ErrorRecord(message, ErrorCategory.OperationStopped, message,
                    value == null ? "" : message, value == null ? "" : LanguagePrimitives.shortTypeName(value),
                    "RuntimeException");
            throw new PsException(r).withContext(new PsException.ErrorContext(null, t.extent(), "", null))
                    .scriptTerminating(true).thrownObject(value);
        } else if (s instanceof Ast.Return r) {
            if (r.value() != null) {
                for (Object o : runPipeline(r.value(), null)) {
                    output.add(o);
                }
            }
            throw new ReturnSignal();
        } else if (s instanceof Ast.Exit e) {
            int code = 0;
            if (e.value() != null) {
                Object v = pipelineValue(e.value());
                try {
                    code = (Integer) LanguagePrimitives.convertTo(v, "int");
                } catch (PsType.ConversionException ex) {
                    code = 0;
                }
            }
            throw new ExitSignal(code);
        } else if (s instanceof Ast.Break b) {
            throw new BreakSignal();
        } else if (s instanceof Ast.Continue c) {
            throw new ContinueSignal();
        } else if (s instanceof Ast.FunctionDefinition f) {
            functions.put(f.name().toLowerCase(Locale.ROOT),
                new Function(f.name(), f.parameters(), f.body()));
        }
    }

    private void executeTry(Ast.Try t, List<Object> output) {
        try {
            tryDepth++;
            try {
                executeStatements(t.body().statements(), output);
            } finally {
                tryDepth--;
            }
        } catch (PsException e) {
            Ast.Catch handler = null;
            for (Ast.Catch c : t.catches()) {
                if (c.types().isEmpty() || c.types().stream().anyMatch(type -> catches(type, e))) {
                    handler = c;
                    break;
                }
            }
            if (handler == null) {
                runFinally(t, output);
                throw e;
            }
            recordError(e);
            Object saved = current.vars.get("_");
            boolean had = current.vars.containsKey("_");
            PsObject err = runspace.errorObject(e);
            current.vars.put("_", err);
            current.vars.put("psitem", err);
            try {
                executeStatements(handler.body().statements(), output);
            } finally {
                if (had) {
                    current.vars.put("_", saved);
                    current.vars.put("psitem", saved);
                } else {
                    current.vars.remove("_");
                    current.vars.remove("psitem");
                }
                runFinally(t, output);
            }
            return;
        }
        runFinally(t, output);
    }

    private void runFinally(Ast.Try t, List<Object> output) {
        if (t.finallyBody() != null) {
            executeStatements(t.finallyBody().statements(), output);
        }
    }

    private static boolean catches(String type, PsException e) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.endsWith("exception") && (t.equals("exception") || t.equals("system.exception")
                || t.endsWith("runtimeexception") || t.endsWith("management.automation.runtimeexception"))) {
            return true;
        }
        String reason = e.record().exceptionType() == null ? "" : e.record().exceptionType().toLowerCase(Locale.ROOT);
        return t.endsWith("." + reason) || t.equals(reason);
    }

    // ---- assignment -------------------------------------------------------------------------------

    private void assign(Ast.Assignment a) {
        Object value;
        try {
            value = statementValue(a.value());
        } catch (PsException e) {
            e.takePartial(); // output captured for the assignment is lost with it
            throw e;
        }
        Expression target = a.target();
        String castType = null;
        if (target instanceof Ast.Convert c) {
            castType = c.typeName();
            target = c.operand();
        }
        if (!a.op().equals("=")) {
            Object old = evaluate(target);
            String op = a.op().substring(0, 1);
            value = Operators.binary(this, op.equals("\u2013") ? "-" : op, old, value, a.extent());
        }
        if (castType != null) {
            value = members.cast(castType, value, a.extent());
        }
        assignTo(target, value, a.extent());
    }

    void assignTo(Expression target, Object value, Extent at) {
        if (target instanceof Ast.Variable v) {
            setVariable(v.scope(), v.name(), value);
        } else if (target instanceof Ast.Member m) {
            members.setMember(evaluate(m.target()), m, memberName(m.name()), value);
        } else if (target instanceof Ast.Index i) {
            members.setIndex(evaluate(i.target()), evaluate(i.index()), value, i.extent());
        } else {
            throw runtimeError("The assignment expression is not valid.", ErrorCategory.InvalidOperation,
                "InvalidLeftHandSide", at);
        }
    }

    String memberName(Expression name) {
        return name instanceof Ast.Constant c ? LanguagePrimitives.toStringValue(c.value())
                : LanguagePrimitives.toStringValue(evaluate(name));
    }

    /** The value a statement yields on the right of '=': an expression's value, or collected output. */
    Object statementValue(Statement s) {
        if (s instanceof Ast.PipelineStatement p) {
            return pipelineValue(p.pipeline());
        }
        if (s instanceof Ast.Assignment a) {
            assign(a);
            return evaluate(a.target());
        }
        List<Object> out = new ArrayList<>();
        executeStatement(s, out);
        return unwrap(out);
    }

    /** A pipeline's value: a lone expression keeps its value; command output is unwrapped. */
    Object pipelineValue(Pipeline p) {
        if (p.elements().size() == 1 && p.elements().get(0) instanceof Ast.ExpressionElement e) {
            return evaluate(e.expression());
        }
        return unwrap(runPipeline(p, null));
    }

    static Object unwrap(List<Object> out) {
        List<Object> items = new ArrayList<>();
        for (Object o : out) {
            if (o != VOID) {
                items.add(o);
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : items;
    }

    // ---- variables -----------------------------------------------------------------------------------

    Object getVariable(String scope, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if ("env".equals(scope)) {
            return runspace.env().get(name);
        }
        switch (key) {
            case "null":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "?":
                return lastSucceeded;
            case "error":
                return runspace.errors();
            case "psitem":
                key = "_";
                break;
            default:
                break;
        }
        Scope s = scope != null && !scope.equals("local") ? global : current;
        Scope found = s.find(key);
        return found == null ? null : found.vars.get(key);
    }

    boolean hasVariable(String name) {
        return current.find(name.toLowerCase(Locale.ROOT)) != null;
    }

    void setVariable(String scope, String name, Object value) {
        if ("env".equals(scope)) {
            if (value == null || LanguagePrimitives.toStringValue(value).isEmpty()) {
                runspace.env().remove(name);
            } else {
                runspace.env().put(name, LanguagePrimitives.toStringValue(value));
            }
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("null")) {
            return;
        }
        if (key.equals("true") || key.equals("false")) {
            throw runtimeError("Cannot overwrite variable " + name + " because it is read-only or constant.",
                    ErrorCategory.WriteError, "VariableNotWritable", null);
        }
        if (key.equals("psitem")) {
            key = "_";
        }
        Scope s = scope != null && (scope.equals("script") || scope.equals("global")) ? global : current;
        s.vars.put(key, value);
        if (key.equals("_")) {
            s.vars.put("psitem", value);
        }
    }

    /** Sets $_ in the current scope for a script block run by a cmdlet; returns a restore action. */
    Runnable bindDollarUnder(Object value) {
        Scope s = current;
        boolean had = s.vars.containsKey("_");
        Object old = s.vars.get("_");
        s.vars.put("_", value);
        return () -> {
            if (had) {
                s.vars.put("_", old);
            } else {
                s.vars.remove("_");
            }
        };
    }

    // ---- pipelines and commands -------------------------------------------------------------------------

    /** Runs a pipeline; returns all objects the last element wrote. */
    List<Object> runPipeline(Pipeline p, List<Object> initialInput) {
        List<Object> data = initialInput;
        boolean first = initialInput == null;
        for (PipelineElement element : p.elements()) {
            if (element instanceof Ast.ExpressionElement e) {
                Object v = evaluate(e.expression());
                data = new ArrayList<>();
                if (v == VOID) {
                    first = false;
                    continue;
                }
                if (v instanceof List<?> l) {
                    data.addAll(l);
                } else {
                    data.add(v);
                }
            } else if (element instanceof Command c) {
                data = invokeCommand(c, first ? null : data);
            }
            first = false;
        }
        return data == null ? new ArrayList<>() : data;
    }

    private List<Object> invokeCommand(Command c, List<Object> input) {
        String name = c.name();
        if (c.invoked() != null) {
            Object target = evaluate(c.invoked());
            if (target instanceof ScriptBlockValue sb) {
                List<Object> args = new ArrayList<>();
                for (Ast.CommandElement el : c.elements()) {
                    if (el instanceof Ast.Argument a) {
                        args.add(evaluate(a.value()));
                    }
                }
                return sb.invokeInNewScope(null, args, input);
            }
            name = LanguagePrimitives.toStringValue(target);
        }
        String resolved = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
        Function f = functions.get(resolved.toLowerCase(Locale.ROOT));
        if (f != null) {
            return callFunction(f, c, input);
        }
        Cmdlet cmdlet = runspace.findCmdlet(resolved).orElse(null);
        if (cmdlet == null) {
            throw commandNotFound(name, c.nameExtent());
        }
        return new CommandProcessor(this, cmdlet, c).run(input);
    }

    PsException commandNotFound(String name, Extent extent) {
        ErrorRecord r = ErrorRecord.about(name, "The term '" + name + "' is not recognized as the name of a cmdlet, "
                + "function, script file, or operable program. Check the spelling of the name, or if a path was "
                + "included, verify that the path is correct and try again.", ErrorCategory.ObjectNotFound,
                "CommandNotFoundException", "CommandNotFoundException");
        return new PsException(r).withContext(new PsException.ErrorContext(name + " : ", extent, "", null));
    }

    boolean isFunction(String name) {
        return functions.containsKey(name.toLowerCase(Locale.ROOT));
    }

    List<String> functionNames() {
        List<String> names = new ArrayList<>();
        functions.values().forEach(f -> names.add(f.name()));
        return names;
    }

    private List<Object> callFunction(Function f, Command c, List<Object> input) {
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        List<Ast.CommandElement> elements = c.elements();
        for (int i = 0; i < elements.size(); i++) {
            Ast.CommandElement el = elements.get(i);
            if (el instanceof Ast.ParameterToken p) {
                Ast.ParamDecl decl = matchParam(f, p.name());
                if (decl == null) {
                    if (p.name().equalsIgnoreCase("ErrorAction") || p.name().equalsIgnoreCase("ea")) {
                        if (p.value() == null && i + 1 < elements.size()) {
                            i++;
                        }
                        continue;
                    }
                    ErrorRecord r = ErrorRecord.of("A parameter cannot be found that matches parameter name '"
                            + p.name() + "'.", ErrorCategory.InvalidArgument, "NamedParameterNotFound",
                            "ParameterBindingException");
                    throw new PsException(r).withContext(new PsException.ErrorContext(f.name() + " : ", p.extent(),
                            f.name(), f.name()));
                }
                Object value;
                if (p.value() != null) {
                    value = evaluate(p.value());
                } else if (decl.type() != null && decl.type().equalsIgnoreCase("switch")) {
                    value = Boolean.TRUE;
                } else if (i + 1 < elements.size() && elements.get(i + 1) instanceof Ast.Argument a) {
                    value = evaluate(a.value());
                    i++;
                } else {
                    ErrorRecord r = ErrorRecord.of("Missing an argument for parameter '" + decl.name()
                            + "'. Specify a parameter of type 'System.Object' and try again.",
                            ErrorCategory.InvalidArgument, "MissingArgument", "ParameterBindingException");
                    throw new PsException(r).withContext(new PsException.ErrorContext(f.name() + " : ", p.extent(),
                            f.name(), f.name()));
                }
                named.put(decl.name().toLowerCase(Locale.ROOT), value);
            } else if (el instanceof Ast.Argument a) {
                positional.add(evaluate(a.value()));
            }
        }
        Scope scope = new Scope(current);
        Scope saved = current;
        Command savedCall = callingCommand;
        String savedName = callingFunction;
        List<Object> output = new ArrayList<>();
        try {
            current = scope;
            callingCommand = c;
            callingFunction = f.name();
            List<Object> extra = new ArrayList<>();
            int next = 0;
            for (Ast.ParamDecl decl : f.parameters()) {
                String key = decl.name().toLowerCase(Locale.ROOT);
                Object value;
                if (named.containsKey(key)) {
                    value = named.get(key);
                } else if (decl.type() != null && decl.type().equalsIgnoreCase("switch")) {
                    value = Boolean.FALSE;
                } else if (next < positional.size()) {
                    value = positional.get(next++);
                } else {
                    value = decl.defaultValue() == null ? null : evaluate(decl.defaultValue());
                }
                if (decl.type() != null && value != null) {
                    value = members.cast(decl.type(), value, c.extent());
                }
                scope.vars.put(key, value);
            }
            while (next < positional.size()) {
                extra.add(positional.get(next++));
            }
            scope.vars.put("args", extra);
            scope.vars.put("input", input == null ? new ArrayList<>() : input);
            try {
                executeStatements(f.body().statements(), output);
            } catch (ReturnSignal r) {
                // return ends the function; its value is already in output
            } catch (PsException e) {
                throw e.partial(output);
            }
        } finally {
            current = saved;
            callingCommand = savedCall;
            callingFunction = savedName;
        }
        List<Object> result = new ArrayList<>();
        for (Object o : output) {
            if (o != VOID) {
                result.add(o);
            }
        }
        return result;
    }

    private static Ast.ParamDecl matchParam(Function f, String name) {
        Ast.ParamDecl prefix = null;
        int count = 0;
        for (Ast.ParamDecl d : f.parameters()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
            if (d.name().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) {
                prefix = d;
                count++;
            }
        }
        return count == 1 ? prefix : null;
    }

    /** Where Write-Error attributes an error: the calling function, or the script itself. */
    PsException.ErrorContext writeErrorContext() {
        if (callingCommand != null) {
            return new PsException.ErrorContext(callingFunction + " : ", callingCommand.extent(), "Write-Error", null);
        }
        return new PsException.ErrorContext(runspace.scriptText() + " : ", null, "Write-Error", null);
    }

    /** [scriptblock]::Create(text): parses the text now; a syntax error fails the call. */
    ScriptBlockValue createScriptBlock(String text, Extent at) {
        try {
            return new ScriptBlockValue(this, new Parser(text).parseScriptBlockText(), new SourceText(text));
        } catch (ParseException e) {
            SourceText src = new SourceText(text);
            throw new PsException(ErrorRecord.of("Exception calling \"Create\" with \"1\" argument(s): \"At line:"
                    + src.line(e.offset()) + " char:" + src.column(e.offset()) + "\r\n+ " + src.lineText(src.line(e.offset()))
                    + "\r\n+ " + " ".repeat(src.column(e.offset()) - 1) + "~\r\n" + e.getMessage() + "\"",
                    ErrorCategory.NotSpecified, "ParseException", "MethodInvocationException"))
                    .withContext(new PsException.ErrorContext(null, at, "", null));
        }
    }

    Scope currentScope() {
        return current;
    }

    /** Runs a block in a scope (a new one for & and functions, the current one for ForEach-Object). */
    List<Object> runBlock(Block body, Scope scope) {
        Scope saved = current;
        List<Object> output = new ArrayList<>();
        try {
            current = scope;
            executeStatements(body.statements(), output);
        } catch (ReturnSignal r) {
            // a return in a script block ends that block only
        } catch (PsException e) {
            throw e.partial(output);
        } finally {
            current = saved;
        }
        List<Object> result = new ArrayList<>();
        for (Object o : output) {
            if (o != VOID) {
                result.add(o);
            }
        }
        return result;
    }

    // ---- expressions --------------------------------------------------------------------------------------

    Object evaluate(Expression e) {
        if (e instanceof Ast.Constant c) {
            return c.value();
        } else if (e instanceof Ast.ExpandableString s) {
            StringBuilder sb = new StringBuilder();
            for (Object part : s.parts()) {
                if (part instanceof String str) {
                    sb.append(str);
                } else {
                    Object v = evaluate((Expression) part);
                    sb.append(expandToString(v));
                }
            }
            return sb.toString();
        } else if (e instanceof Ast.Variable v) {
            return getVariable(v.scope(), v.name());
        } else if (e instanceof Ast.ArrayLiteral a) {
            List<Object> items = new ArrayList<>();
            for (Expression item : a.elements()) {
                items.add(evaluate(item));
            }
            return items;
        } else if (e instanceof Ast.ArrayExpression a) {
            List<Object> out = new ArrayList<>();
            executeStatements(a.body().statements(), out);
            List<Object> items = new ArrayList<>();
            for (Object o : out) {
                if (o != VOID) {
                    items.add(o);
                }
            }
            return items;
        } else if (e instanceof Ast.SubExpression s) {
            List<Object> out = new ArrayList<>();
            executeStatements(s.body().statements(), out);
            return unwrap(out);
        } else if (e instanceof Ast.Paren p) {
            Object v = statementValue(p.statement());
            return v;
        } else if (e instanceof Ast.HashLiteral h) {
            PsHashtable table = new PsHashtable(h.ordered());
            for (Ast.HashEntry entry : h.entries()) {
                Object key = evaluate(entry.key());
                if (table.containsKey(key)) {
                    throw runtimeError("Duplicate keys '" + LanguagePrimitives.toStringValue(key)
                            + "' are not allowed in hash literals.", ErrorCategory.InvalidOperation,
                            "DuplicateKeyInHashLiteral", h.extent());
                }
                table.put(key, statementValue(entry.value()));
            }
            return table;
        } else if (e instanceof Ast.ScriptBlockExpression sb) {
            return new ScriptBlockValue(this, sb);
        } else if (e instanceof Ast.TypeLiteral t) {
            return members.typeLiteral(t.typeName(), t.extent());
        } else if (e instanceof Ast.Convert c) {
            if (c.typeName().equalsIgnoreCase("ordered")) {
                if (c.operand() instanceof Ast.HashLiteral h) {
                    return evaluate(new Ast.HashLiteral(h.entries(), true, h.extent()));
                }
                throw runtimeError("The ordered attribute can be specified only on a hash literal node.",
                        ErrorCategory.ParserError, "OrderedAttributeOnlyOnHashLiteralNode", c.extent());
            }
            if ((c.typeName().equalsIgnoreCase("pscustomobject")
                    || c.typeName().equalsIgnoreCase("System.Management.Automation.PSCustomObject"))
                    && c.operand() instanceof Ast.HashLiteral h) {
                // [pscustomobject]@{} keeps the literal's order
                PsHashtable table = (PsHashtable) evaluate(new Ast.HashLiteral(h.entries(), true, h.extent()));
                PsObject o = PsObject.custom();
                for (Object k : table.keys()) {
                    o.set(LanguagePrimitives.toStringValue(k), table.get(k));
                }
                return o;
            }
            return members.cast(c.typeName(), evaluate(c.operand()), c.extent());
        } else if (e instanceof Ast.Member m) {
            Object target = evaluate(m.target());
            return members.getMember(target, memberName(m.name()), m.isStatic(), m.extent());
        } else if (e instanceof Ast.InvokeMember m) {
            Object target = evaluate(m.target());
            List<Object> args = new ArrayList<>();
            for (Expression a : m.arguments()) {
                args.add(evaluate(a));
            }
            return members.invoke(target, memberName(m.name()), args, m.isStatic(), m.extent());
        } else if (e instanceof Ast.Index i) {
            return members.index(evaluate(i.target()), evaluate(i.index()), i.extent());
        } else if (e instanceof Ast.Unary u) {
            if (u.op().startsWith("post") || u.op().startsWith("pre")) {
                Object old = evaluate(u.operand());
                Object updated = Operators.binary(this, u.op().endsWith("++") ? "+" : "-", old == null ? 0 : old, 1,
                        u.extent());
                assignTo(u.operand(), updated, u.extent());
                return u.op().startsWith("post") ? old : updated;
            }
            return Operators.unary(this, u.op(), evaluate(u.operand()), u.extent());
        } else if (e instanceof Ast.Binary b) {
            if (b.op().equals("and")) {
                return LanguagePrimitives.toBool(evaluate(b.left())) && LanguagePrimitives.toBool(evaluate(b.right()));
            }
            if (b.op().equals("or")) {
                return LanguagePrimitives.toBool(evaluate(b.left())) || LanguagePrimitives.toBool(evaluate(b.right()));
            }
            return Operators.binary(this, b.op(), evaluate(b.left()), evaluate(b.right()), b.extent());
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** String expansion of a value inside "...": arrays joined with $OFS. */
    String expandToString(Object v) {
        if (v instanceof List<?> l) {
            Object ofs = getVariable(null, "OFS");
            String sep = ofs == null ? " " : LanguagePrimitives.toStringValue(ofs);
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(LanguagePrimitives.toStringValue(x)));
            return String.join(sep, parts);
        }
        return LanguagePrimitives.toStringValue(v);
    }

    /** A statement-terminating runtime error at a position (no command prefix). */
    PsException runtimeError(String message, ErrorCategory category, String errorId, Extent extent) {
        return new PsException(ErrorRecord.of(message, category, errorId, "RuntimeException"))
                .withContext(new PsException.ErrorContext(null, extent, "", null));
    }

    void markFailed() {
        lastSucceeded = false;
    }
}
