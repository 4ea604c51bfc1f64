package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A script block value: runs in the current scope for cmdlets like ForEach-Object, in a new one for {@code &}. */
final class ScriptBlockValue implements ScriptBlock {

    private final Interpreter interpreter;
    private final Ast.ScriptBlockExpression ast;
    private final SourceText source;

    ScriptBlockValue(Interpreter interpreter, Ast.ScriptBlockExpression ast) {
        this(interpreter, ast, null);
    }

    /** A block parsed from its own text ([scriptblock]::Create): positions in errors refer to that text. */
    ScriptBlockValue(Interpreter interpreter, Ast.ScriptBlockExpression ast, SourceText source) {
        this.interpreter = interpreter;
        this.ast = ast;
        this.source = source;
    }

    private PsException bind(PsException e) {
        return source == null ? e : e.bindSource(source);
    }

    @Override
    public List<Object> invoke(Object dollarUnder, List<Object> arguments) {
        Runnable restore = interpreter.bindDollarUnder(dollarUnder);
        try {
            bindParameters(interpreter.currentScope(), arguments);
            return interpreter.runBlock(ast.body(), interpreter.currentScope());
        } catch (PsException e) {
            throw bind(e);
        } finally {
            restore.run();
        }
    }

    /** {@code & { }}: a child scope. */
    List<Object> invokeInNewScope(Object dollarUnder, List<Object> arguments, List<Object> input) {
        Interpreter.Scope scope = new Interpreter.Scope(interpreter.currentScope());
        if (dollarUnder != null) {
            scope.vars.put("_", dollarUnder);
        }
        scope.vars.put("input", input == null ? new ArrayList<>() : input);
        bindParameters(scope, arguments);
        try {
            return interpreter.runBlock(ast.body(), scope);
        } catch (PsException e) {
            throw bind(e);
        }
    }

    private void bindParameters(Interpreter.Scope scope, List<Object> arguments) {
        List<Object> rest = new ArrayList<>(arguments == null ? List.of() : arguments);
        for (Ast.ParamDecl p : ast.parameters()) {
            Object v = rest.isEmpty() ? (p.defaultValue() == null ? null : interpreter.evaluate(p.defaultValue()))
                    : rest.remove(0);
            scope.vars.put(p.name().toLowerCase(Locale.ROOT), v);
        }
        scope.vars.put("args", rest);
    }

    @Override
    public String text() {
        return ast.body().text();
    }

    @Override
    public String toString() {
        return text();
    }
}
