package io.authcert.lab.pwsh;

import java.util.List;

/** The syntax tree of the lab's PowerShell subset, produced by {@link Parser}. */
interface Ast {

    Extent extent();

    /** A span of the script text (offsets into the source). */
    record Extent(int start, int end) {
    }

    // ---- statements ------------------------------------------------------------------------

    /** A statement list, e.g. the body of a script, a function, a branch. */
    record Block(List<Statement> statements, Extent extent, String text) implements Ast {
    }

    sealed interface Statement extends Ast permits PipelineStatement, Assignment, If, Foreach, While, Try, Throw,
            Return, Exit, Break, Continue, FunctionDefinition {
    }

    record PipelineStatement(Pipeline pipeline, Extent extent) implements Statement {
    }

    /** {@code target op value}; op is "=", "+=", "-=", "*=", "/=". */
    record Assignment(Expression target, String op, Statement value, Extent extent) implements Statement {
    }

    record Clause(Pipeline condition, Block body) {
    }

    record If(List<Clause> clauses, Block elseBody, Extent extent) implements Statement {
    }

    record Foreach(String variable, Pipeline collection, Block body, Extent extent) implements Statement {
    }

    record While(Pipeline condition, Block body, Extent extent) implements Statement {
    }

    /** One catch clause: the type names it catches (empty: everything). */
    record Catch(List<String> types, Block body) {
    }

    record Try(Block body, List<Catch> catches, Block finallyBody, Extent extent) implements Statement {
    }

    record Throw(Pipeline value, Extent extent) implements Statement {
    }

    record Return(Pipeline value, Extent extent) implements Statement {
    }

    record Exit(Pipeline value, Extent extent) implements Statement {
    }

    record Break(Extent extent) implements Statement {
    }

    record Continue(Extent extent) implements Statement {
    }

    /** A parameter of a function or script block: name, optional cast type and default. */
    record ParamDecl(String name, String type, Expression defaultValue) {
    }

    record FunctionDefinition(String name, List<ParamDecl> parameters, Block body, Extent extent) implements Statement {
    }

    // ---- pipelines and commands --------------------------------------------------------------

    record Pipeline(List<PipelineElement> elements, Extent extent) implements Ast {
    }

    sealed interface PipelineElement extends Ast permits Command, ExpressionElement {
    }

    /** An expression as the first element of a pipeline. */
    record ExpressionElement(Expression expression, Extent extent) implements PipelineElement {
    }

    /** A command: its name (a literal, or an expression after the call operator &) and its elements. */
    record Command(String name, Expression invoked, List<CommandElement> elements, Extent nameExtent, Extent extent)
            implements PipelineElement {
    }

    sealed interface CommandElement extends Ast permits ParameterToken, Argument {
    }

    /** {@code -Name} or {@code -Name:value} (then {@code value} is set). */
    record ParameterToken(String name, Expression value, Extent extent) implements CommandElement {
    }

    record Argument(Expression value, Extent extent) implements CommandElement {
    }

    // ---- expressions -------------------------------------------------------------------------

    sealed interface Expression extends Ast permits Constant, ExpandableString, Variable, ArrayLiteral,
            ArrayExpression, SubExpression, Paren, HashLiteral, ScriptBlockExpression, TypeLiteral, Convert,
            Member, InvokeMember, Index, Unary, Binary {
    }

    /** A literal: string, number, or a bare word argument. */
    record Constant(Object value, Extent extent) implements Expression {
    }

    /** A double-quoted string: literal parts (String) and expressions to expand. */
    record ExpandableString(List<Object> parts, Extent extent) implements Expression {
    }

    /** {@code $name}; {@code scope} is "env", "script", "global", "local" or null. */
    record Variable(String scope, String name, Extent extent) implements Expression {
    }

    /** {@code a, b, c}. */
    record ArrayLiteral(List<Expression> elements, Extent extent) implements Expression {
    }

    /** {@code @( statements )}. */
    record ArrayExpression(Block body, Extent extent) implements Expression {
    }

    /** {@code $( statements )}. */
    record SubExpression(Block body, Extent extent) implements Expression {
    }

    /** {@code ( statement )}. */
    record Paren(Statement statement, Extent extent) implements Expression {
    }

    record HashEntry(Expression key, Statement value) {
    }

    record HashLiteral(List<HashEntry> entries, boolean ordered, Extent extent) implements Expression {
    }

    record ScriptBlockExpression(List<ParamDecl> parameters, Block body, Extent extent) implements Expression {
    }

    /** {@code [TypeName]} used as a value (for static members or -is). */
    record TypeLiteral(String typeName, Extent extent) implements Expression {
    }

    /** {@code [type] expression}. */
    record Convert(String typeName, Expression operand, Extent extent) implements Expression {
    }

    /** {@code target.Name} or {@code [Type]::Name}; the name is an expression (usually a Constant). */
    record Member(Expression target, Expression name, boolean isStatic, Extent extent) implements Expression {
    }

    record InvokeMember(Expression target, Expression name, List<Expression> arguments, boolean isStatic,
                        Extent extent) implements Expression {
    }

    record Index(Expression target, Expression index, Extent extent) implements Expression {
    }

    /** Unary operator: "-not", "!", "-", "+", "-split", "-join", "-bnot". */
    record Unary(String op, Expression operand, Extent extent) implements Expression {
    }

    /** Binary operator, lower-cased without its dash for named ones ("eq", "ilike", "and"), or "+", "..". */
    record Binary(String op, Expression left, Expression right, Extent extent) implements Expression {
    }
}
