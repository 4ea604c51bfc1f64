package io.authcert.lab.pwsh;

import io.authcert.lab.pwsh.Ast.Argument;
import io.authcert.lab.pwsh.Ast.ArrayExpression;
import io.authcert.lab.pwsh.Ast.ArrayLiteral;
import io.authcert.lab.pwsh.Ast.Assignment;
import io.authcert.lab.pwsh.Ast.Binary;
import io.authcert.lab.pwsh.Ast.Block;
import io.authcert.lab.pwsh.Ast.Catch;
import io.authcert.lab.pwsh.Ast.Clause;
import io.authcert.lab.pwsh.Ast.Command;
import io.authcert.lab.pwsh.Ast.CommandElement;
import io.authcert.lab.pwsh.Ast.Constant;
import io.authcert.lab.pwsh.Ast.Convert;
import io.authcert.lab.pwsh.Ast.ExpandableString;
import io.authcert.lab.pwsh.Ast.Expression;
import io.authcert.lab.pwsh.Ast.ExpressionElement;
import io.authcert.lab.pwsh.Ast.Extent;
import io.authcert.lab.pwsh.Ast.HashEntry;
import io.authcert.lab.pwsh.Ast.HashLiteral;
import io.authcert.lab.pwsh.Ast.Index;
import io.authcert.lab.pwsh.Ast.InvokeMember;
import io.authcert.lab.pwsh.Ast.Member;
import io.authcert.lab.pwsh.Ast.ParamDecl;
import io.authcert.lab.pwsh.Ast.ParameterToken;
import io.authcert.lab.pwsh.Ast.Paren;
import io.authcert.lab.pwsh.Ast.Pipeline;
import io.authcert.lab.pwsh.Ast.PipelineElement;
import io.authcert.lab.pwsh.Ast.PipelineStatement;
import io.authcert.lab.pwsh.Ast.ScriptBlockExpression;
import io.authcert.lab.pwsh.Ast.Statement;
import io.authcert.lab.pwsh.Ast.SubExpression;
import io.authcert.lab.pwsh.Ast.TypeLiteral;
import io.authcert.lab.pwsh.Ast.Unary;
import io.authcert.lab.pwsh.Ast.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A hand-written recursive-descent parser for the lab's PowerShell subset. PowerShell tokenises
 * differently in expression mode and in command (argument) mode, so the parser reads characters
 * directly and decides the mode from context, as PowerShell's own parser does.
 */
final class Parser {

    private static final Set<String> COMPARISON = Set.of("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike",
            "match", "notmatch", "contains", "notcontains", "in", "notin", "replace", "split", "join", "is", "isnot",
            "as");
    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of("switch", "for", "do", "until", "trap", "class",
            "enum", "filter", "workflow", "data", "dynamicparam", "begin", "process", "end", "using", "configuration");

    private final String src;
    private int pos;

    Parser(String src) {
        this.src = src;
    }

    /** Parses a script block's text with an optional leading param() ([scriptblock]::Create). */
    ScriptBlockExpression parseScriptBlockText() {
        List<ParamDecl> params = List.of();
        int save = pos;
        skipSpaceAndNewlines();
        if (wordAt().equals("param")) {
            pos += 5;
            skipSpace();
            if (peek() != '(') {
                throw new ParseException(pos, "Missing '(' after 'param'.", "MissingParamOpenParen");
            }
            pos++;
            params = parseParamList();
        } else {
            pos = save;
        }
        int bodyStart = pos;
        Block block = parseStatements(-1, bodyStart);
        if (pos < src.length()) {
            throw unexpected();
        }
        return new ScriptBlockExpression(params, block, new Extent(0, src.length()));
    }

    /** Parses a whole script. */
    Block parseScript() {
        Block block = parseStatements(-1, 0);
        if (pos < src.length()) {
            throw unexpected();
        }
        return block;
    }

    // ---- character helpers -------------------------------------------------------------------

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private boolean atEnd() {
        return pos >= src.length();
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    /** Skips blanks, comments and line continuations; not newlines. */
    private void skipSpace() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u00a0' || c == '\ufeff') {
                pos++;
            } else if (c == '`' && isNewline(peek(1))) {
                pos += peek(1) == '\r' && peek(2) == '\n' ? 3 : 2;
            } else if (c == '#') {
                while (!atEnd() && !isNewline(peek())) {
                    pos++;
                }
            } else if (c == '<' && peek(1) == '#') {
                int end = src.indexOf("#>", pos + 2);
                if (end < 0) {
                    throw new ParseException(pos, "Missing closing '#>' at the end of the block comment.",
                            "MissingEndOfComment");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void skipSpaceAndNewlines() {
        while (true) {
            skipSpace();
            if (!atEnd() && isNewline(peek())) {
                pos++;
            } else {
                return;
            }
        }
    }

    private Extent from(int start) {
        return new Extent(start, pos);
    }

    private ParseException unexpected() {
        int start = pos;
        String token = tokenTextAt(start);
        return new ParseException(start, "Unexpected token '" + token + "' in expression or statement.",
                "UnexpectedToken");
    }

    private String tokenTextAt(int at) {
        int end = at;
        while (end < src.length() && !Character.isWhitespace(src.charAt(end)) && end - at < 40) {
            end++;
            if (end < src.length() && "(){};|,".indexOf(src.charAt(end)) >= 0) {
                break;
            }
        }
        return src.substring(at, Math.max(end, Math.min(at + 1, src.length())));
    }

    private void expect(char c, String message, String errorId) {
        skipSpace();
        if (peek() != c) {
            throw new ParseException(pos, message, errorId);
        }
        pos++;
    }

    /** The keyword-like word at pos (letters only), without consuming. */
    private String wordAt() {
        int end = pos;
        while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
            end++;
        }
        if (end < src.length() && (isDash(src.charAt(end)) || src.charAt(end) == '.' || src.charAt(end) == '\\'
                || src.charAt(end) == ':')) {
            return ""; // part of a command name such as ForEach-Object
        }
        return src.substring(pos, end).toLowerCase(Locale.ROOT);
    }

    // ---- statements ----------------------------------------------------------------------------

    /** Statements until {@code close} (a char) or the end (-1). Consumes neither. */
    private Block parseStatements(int close, int start) {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            skipSpaceAndNewlines();
            while (peek() == ';') {
                pos++;
                skipSpaceAndNewlines();
            }
            if (atEnd() || close >= 0 && peek() == close) {
                break;
            }
            if (close < 0 && (peek() == ')' || peek() == '}')) {
                throw unexpected();
            }
            statements.add(parseStatement());
            skipSpace();
            if (!atEnd() && !isNewline(peek()) && peek() != ';' && !(close >= 0 && peek() == close)) {
                throw unexpected();
            }
        }
        return new Block(statements, new Extent(start, pos), src.substring(start, pos));
    }

    private Block parseBraceBlock(String what, String errorId) {
        skipSpaceAndNewlines();
        if (peek() != '{') {
            throw new ParseException(pos, "Missing statement block " + what + ".", errorId);
        }
        pos++;
        int start = pos;
        Block body = parseStatements('}', start);
        if (peek() != '}') {
            throw new ParseException(pos, "Missing closing '}' in statement block or type definition.",
                    "MissingEndCurlyBrace");
        }
        pos++;
        return body;
    }

    private Statement parseStatement() {
        int start = pos;
        String word = wordAt();
        switch (word) {
            case "if":
                return parseIf(start);
            case "foreach":
                return parseForeach(start);
            case "while":
                return parseWhile(start);
            case "try":
                return parseTry(start);
            case "function":
                return parseFunction(start);
            case "throw": {
                pos += 5;
                Pipeline p = optionalPipeline();
                return new Ast.Throw(p, from(start));
            }
            case "return": {
                pos += 6;
                Pipeline p = optionalPipeline();
                return new Ast.Return(p, from(start));
            }
            case "exit": {
                pos += 4;
                Pipeline p = optionalPipeline();
                return new Ast.Exit(p, from(start));
            }
            case "break":
                pos += 5;
                return new Ast.Break(from(start));
            case "continue":
                pos += 8;
                return new Ast.Continue(from(start));
            case "param":
                throw new ParseException(pos, "The lab's PowerShell supports param() only at the start of a function"
                        + " or script block.", "LabUnsupportedSyntax");
            default:
                if (UNSUPPORTED_KEYWORDS.contains(word)) {
                    throw new ParseException(pos, "The lab's PowerShell does not support the '" + word
                            + "' statement.", "LabUnsupportedSyntax");
                }
        }
        Pipeline pipeline = parsePipeline();
        skipSpace();
        String op = assignmentOperator();
        if (op != null) {
            if (pipeline.elements().size() != 1 || !(pipeline.elements().get(0) instanceof ExpressionElement e)
                    || !isAssignable(e.expression())) {
                throw new ParseException(pos, "The assignment expression is not valid. The input to an assignment "
                        + "operator must be an object that is able to accept assignments, such as a variable or a "
                        + "property.", "InvalidLeftHandSide");
            }
            pos += op.length();
            skipSpaceAndNewlines();
            if (atEnd() || peek() == ';' || peek() == '}' || peek() == ')') {
                throw new ParseException(pos, "You must provide a value expression following the '" + op
                        + "' operator.", "ExpectedValueExpression");
            }
            Statement value = parseStatement();
            return new Assignment(e.expression(), op, value, from(start));
        }
        return new PipelineStatement(pipeline, pipeline.extent());
    }

    private static boolean isAssignable(Expression e) {
        return e instanceof Variable || e instanceof Member m && !(m.target() instanceof TypeLiteral)
                || e instanceof Index || e instanceof Member m2 && m2.isStatic()
                || e instanceof Convert c && c.operand() instanceof Variable;
    }

    private String assignmentOperator() {
        char c = peek();
        if (c == '=' ) {
            return "=";
        }
        if ((c == '+' || isDash(c) || c == '*' || c == '/' || c == '%') && peek(1) == '=') {
            return c + "=";
        }
        return null;
    }

    private Pipeline optionalPipeline() {
        skipSpace();
        if (atEnd() || isNewline(peek()) || peek() == ';' || peek() == '}' || peek() == ')') {
            return null;
        }
        return parsePipeline();
    }

    private Pipeline parseCondition(String keyword) {
        skipSpaceAndNewlines();
        if (peek() != '(') {
            throw new ParseException(pos, "Missing '(' after '" + keyword + "' in " + keyword + " statement.",
                    "MissingOpenParenthesisInIfStatement");
        }
        pos++;
        skipSpaceAndNewlines();
        if (peek() == ')' || atEnd()) {
            throw new ParseException(pos, "Missing condition in " + keyword + " statement after '" + keyword + " ('.",
                    "IfStatementMissingCondition");
        }
        Pipeline p = parsePipeline();
        skipSpaceAndNewlines();
        if (peek() != ')') {
            throw new ParseException(pos, "Missing closing ')' after expression in '" + keyword + "' statement.",
                    "MissingEndParenthesisAfterStatement");
        }
        pos++;
        return p;
    }

    private Statement parseIf(int start) {
        pos += 2;
        List<Clause> clauses = new ArrayList<>();
        Pipeline cond = parseCondition("if");
        Block body = parseBraceBlock("in the if statement", "MissingStatementBlock");
        clauses.add(new Clause(cond, body));
        Block elseBody = null;
        while (true) {
            int save = pos;
            skipSpaceAndNewlines();
            String w = wordAt();
            if (w.equals("elseif")) {
                pos += 6;
                Pipeline c = parseCondition("elseif");
                clauses.add(new Clause(c, parseBraceBlock("in the elseif statement", "MissingStatementBlock")));
            } else if (w.equals("else")) {
                pos += 4;
                elseBody = parseBraceBlock("after 'else' keyword", "MissingStatementBlockAfterElse");
                break;
            } else {
                pos = save;
                break;
            }
        }
        return new Ast.If(clauses, elseBody, from(start));
    }

    private Statement parseForeach(int start) {
        pos += 7;
        skipSpaceAndNewlines();
        if (peek() != '(') {
            throw new ParseException(pos, "Missing opening '(' after keyword 'foreach'.", "MissingOpenParenthesisAfterForeach");
        }
        pos++;
        skipSpaceAndNewlines();
        if (peek() != '$') {
            throw new ParseException(pos, "Missing variable name after foreach.", "MissingVariableNameAfterForeach");
        }
        Variable v = (Variable) parsePrimary();
        skipSpaceAndNewlines();
        if (!wordAt().equals("in")) {
            throw new ParseException(pos, "Missing 'in' after variable in foreach loop.", "MissingInInForeach");
        }
        pos += 2;
        skipSpaceAndNewlines();
        Pipeline collection = parsePipeline();
        skipSpaceAndNewlines();
        if (peek() != ')') {
            throw new ParseException(pos, "Missing closing ')' after expression in 'foreach' statement.",
                    "MissingEndParenthesisAfterForeach");
        }
        pos++;
        Block body = parseBraceBlock("in foreach loop", "MissingForeachStatement");
        return new Ast.Foreach(v.name(), collection, body, from(start));
    }

    private Statement parseWhile(int start) {
        pos += 5;
        Pipeline cond = parseCondition("while");
        Block body = parseBraceBlock("in the while statement", "MissingLoopStatement");
        return new Ast.While(cond, body, from(start));
    }

    private Statement parseTry(int start) {
        pos += 3;
        Block body = parseBraceBlock("after 'try'", "MissingTryStatementBlock");
        List<Catch> catches = new ArrayList<>();
        Block finallyBody = null;
        while (true) {
            int save = pos;
            skipSpaceAndNewlines();
            String w = wordAt();
            if (w.equals("catch")) {
                pos += 5;
                List<String> types = new ArrayList<>();
                while (true) {
                    skipSpaceAndNewlines();
                    if (peek() != '[') {
                        break;
                    }
                    types.add(readTypeName());
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                    }
                }
                catches.add(new Catch(types, parseBraceBlock("in the catch block", "MissingCatchHandlerBlock")));
            } else if (w.equals("finally")) {
                pos += 7;
                finallyBody = parseBraceBlock("after 'finally'", "MissingFinallyStatementBlock");
                break;
            } else {
                pos = save;
                break;
            }
        }
        if (catches.isEmpty() && finallyBody == null) {
            throw new ParseException(pos, "The Try statement is missing its Catch or Finally block.",
                    "MissingCatchOrFinally");
        }
        return new Ast.Try(body, catches, finallyBody, from(start));
    }

    private Statement parseFunction(int start) {
        pos += 8;
        skipSpace();
        int nameStart = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && "(){};".indexOf(peek()) < 0) {
            pos++;
        }
        String name = src.substring(nameStart, pos);
        if (name.isEmpty()) {
            throw new ParseException(pos, "Missing name after function keyword.", "MissingNameAfterKeyword");
        }
        skipSpace();
        List<ParamDecl> params = new ArrayList<>();
        if (peek() == '(') {
            pos++;
            params = parseParamList();
        }
        skipSpaceAndNewlines();
        if (peek() != '{') {
            throw new ParseException(pos, "Missing function body in function declaration.", "MissingFunctionBody");
        }
        ScriptBlockExpression sb = parseScriptBlock();
        if (!sb.parameters().isEmpty()) {
            params = sb.parameters();
        }
        return new Ast.FunctionDefinition(name, params, sb.body(), from(start));
    }

    /** Parameter declarations after '(' up to and including ')'. */
    private List<ParamDecl> parseParamList() {
        List<ParamDecl> params = new ArrayList<>();
        while (true) {
            skipSpaceAndNewlines();
            if (peek() == ')') {
                pos++;
                return params;
            }
            String type = null;
            while (peek() == '[') {
                int save = pos;
                String t = readTypeName();
                if (t.contains("(")) {
                    pos = save;
                    throw new ParseException(pos, "The lab's PowerShell does not support parameter attributes.",
                            "LabUnsupportedSyntax");
                }
                type = t;
                skipSpaceAndNewlines();
            }
            if (peek() != '$') {
                throw new ParseException(pos, "Missing ')' in function parameter list.", "MissingEndParenthesisInFunctionParameterList");
            }
            Variable v = (Variable) parsePrimary();
            skipSpace();
            Expression def = null;
            if (peek() == '=') {
                pos++;
                skipSpaceAndNewlines();
                def = parseExpression();
            }
            params.add(new ParamDecl(v.name(), type, def));
            skipSpaceAndNewlines();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ')') {
                throw new ParseException(pos, "Missing ')' in function parameter list.", "MissingEndParenthesisInFunctionParameterList");
            }
        }
    }

    /** A script block literal at '{' (consumes through '}'), with an optional leading param(). */
    private ScriptBlockExpression parseScriptBlock() {
        int start = pos;
        pos++;
        int bodyStart = pos;
        List<ParamDecl> params = List.of();
        int save = pos;
        skipSpaceAndNewlines();
        if (wordAt().equals("param")) {
            pos += 5;
            skipSpace();
            if (peek() != '(') {
                throw new ParseException(pos, "Missing '(' after 'param'.", "MissingParamOpenParen");
            }
            pos++;
            params = parseParamList();
            bodyStart = pos;
        } else {
            pos = save;
        }
        Block body = parseStatements('}', bodyStart);
        if (peek() != '}') {
            throw new ParseException(start, "Missing closing '}' in statement block or type definition.",
                    "MissingEndCurlyBrace");
        }
        pos++;
        return new ScriptBlockExpression(params, body, from(start));
    }

    // ---- pipelines and commands ------------------------------------------------------------------

    private Pipeline parsePipeline() {
        int start = pos;
        List<PipelineElement> elements = new ArrayList<>();
        elements.add(parsePipelineElement(true));
        while (true) {
            skipSpace();
            if (peek() == '|' && peek(1) != '|') {
                pos++;
                skipSpaceAndNewlines();
                if (atEnd() || peek() == '|' || peek() == ';' || peek() == ')' || peek() == '}') {
                    throw new ParseException(pos, "An empty pipe element is not allowed.", "EmptyPipeElement");
                }
                elements.add(parsePipelineElement(false));
            } else {
                break;
            }
        }
        if (peek() == '>' || peek() == '2' && peek(1) == '>' || peek() == '*' && peek(1) == '>') {
            throw new ParseException(pos, "The lab's PowerShell does not support redirection operators.",
                    "LabUnsupportedSyntax");
        }
        return new Pipeline(elements, from(start));
    }

    private boolean startsExpression() {
        char c = peek();
        if (c == '$' || c == '\'' || c == '"' || c == '(' || c == '@' || c == '[' || c == '!' || c == '{' || c == ','
                || c == '\u2018' || c == '\u2019' || c == '\u201c' || c == '\u201d') {
            return true;
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            // a number, unless it continues as a word (e.g. a command named 7z)
            int save = pos;
            try {
                readNumber();
                boolean ends = atEnd() || " \t\r\n;|)}],.+-*/%=".indexOf(peek()) >= 0 || isDash(peek());
                return ends;
            } catch (ParseException e) {
                return false;
            } finally {
                pos = save;
            }
        }
        if ((isDash(c) || c == '+') && (Character.isDigit(peek(1)) || peek(1) == '$' || peek(1) == '(')) {
            return true;
        }
        if ((c == '+' && peek(1) == '+' || isDash(c) && isDash(peek(1))) && peek(2) == '$') {
            return true;
        }
        if (isDash(c) && Character.isLetter(peek(1))) {
            int save = pos;
            pos++;
            String w = readWord();
            pos = save;
            return Set.of("not", "bnot", "split", "join").contains(w);
        }
        return false;
    }

    private PipelineElement parsePipelineElement(boolean first) {
        int start = pos;
        if (peek() == '&' && peek(1) != '&') {
            pos++;
            skipSpace();
            Expression invoked = parsePrimaryWithPostfix(true);
            Extent nameExtent = from(start);
            List<CommandElement> elements = parseCommandElements();
            return new Command(null, invoked, elements, nameExtent, commandExtent(start, nameExtent, elements));
        }
        if (peek() == '.' && (peek(1) == ' ' || peek(1) == '\t')) {
            throw new ParseException(pos, "The lab's PowerShell does not support dot-sourcing.", "LabUnsupportedSyntax");
        }
        if (startsExpression()) {
            if (!first) {
                Expression e = parseExpression();
                throw new ParseException(start, "Expressions are only allowed as the first element of a pipeline.",
                        "ExpressionsMustBeFirstInPipeline");
            }
            Expression e = parseExpression();
            return new ExpressionElement(e, from(start));
        }
        String name = readGenericToken();
        if (name.isEmpty()) {
            throw unexpected();
        }
        Extent nameExtent = from(start);
        List<CommandElement> elements = parseCommandElements();
        return new Command(name, null, elements, nameExtent, commandExtent(start, nameExtent, elements));
    }

    /** From the command name to the end of its last element (not the blanks before a '|'). */
    private static Extent commandExtent(int start, Extent name, List<CommandElement> elements) {
        int end = name.end();
        for (CommandElement e : elements) {
            end = Math.max(end, e.extent().end());
        }
        return new Extent(start, end);
    }

    /** A bare word in command mode: up to whitespace or a special character. */
    private String readGenericToken() {
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (Character.isWhitespace(c) || ";|(){},&".indexOf(c) >= 0) {
                break;
            }
            if (c == '`' && pos + 1 < src.length()) {
                if (isNewline(peek(1))) {
                    break;
                }
                sb.append(escapeChar(peek(1)));
                pos += 2;
                continue;
            }
            if (c == '"' || c == '\'') {
                break;
            }
            sb.append(c);
            pos++;
        }
        return sb.toString();
    }

    private List<CommandElement> parseCommandElements() {
        List<CommandElement> elements = new ArrayList<>();
        while (true) {
            skipSpace();
            char c = peek();
            if (atEnd() || isNewline(c) || c == ';' || c == '|' || c == ')' || c == '}'
                    || c == '&' && peek(1) == '&') {
                return elements;
            }
            if (c == '>' || c == '2' && peek(1) == '>' || c == '*' && peek(1) == '>') {
                throw new ParseException(pos, "The lab's PowerShell does not support redirection operators.",
                        "LabUnsupportedSyntax");
            }
            int start = pos;
            if (isDash(c) && (Character.isLetter(peek(1)) || peek(1) == '_' || peek(1) == '?')) {
                pos++;
                int nameStart = pos;
                while (!atEnd() && !Character.isWhitespace(peek()) && ";|(){},:".indexOf(peek()) < 0) {
                    pos++;
                }
                String name = src.substring(nameStart, pos);
                if (peek() == ':') {
                    pos++;
                    skipSpace();
                    Expression value = parseCommandArgument();
                    elements.add(new ParameterToken(name, value, from(start)));
                } else {
                    elements.add(new ParameterToken(name, null, from(start)));
                }
                continue;
            }
            Expression arg = parseCommandArgument();
            elements.add(new Argument(arg, from(start)));
        }
    }

    /** One argument in command mode, with ',' forming arrays. */
    private Expression parseCommandArgument() {
        return parseCommaList(this::parseSingleArgument, () -> true);
    }

    /**
     * {@code item, item, ...}: one item alone, or an array of them. A comma may be followed by
     * newlines; {@code commaAllowed} says whether a comma continues the list here.
     */
    private Expression parseCommaList(Supplier<Expression> item, BooleanSupplier commaAllowed) {
        int start = pos;
        List<Expression> items = new ArrayList<>();
        items.add(item.get());
        while (true) {
            int save = pos;
            skipSpace();
            if (peek() == ',' && commaAllowed.getAsBoolean()) {
                pos++;
                skipSpaceAndNewlines();
                items.add(item.get());
            } else {
                pos = save;
                break;
            }
        }
        return items.size() == 1 ? items.get(0) : new ArrayLiteral(items, from(start));
    }

    private Expression parseSingleArgument() {
        int start = pos;
        char c = peek();
        if (c == '$' || c == '\'' || c == '"' || c == '(' || c == '@' || c == '{' || c == '['
                || c == '\u2018' || c == '\u2019' || c == '\u201c' || c == '\u201d') {
            if (c == '[') {
                String word = readGenericToken();
                return new Constant(word, from(start));
            }
            return parsePrimaryWithPostfix(true);
        }
        if (atEnd() || Character.isWhitespace(c) || ";|)},".indexOf(c) >= 0) {
            throw new ParseException(pos, "Missing an argument for parameter.", "MissingArgument");
        }
        String word = readGenericToken();
        if (word.isEmpty()) {
            throw unexpected();
        }
        Object number = numberOrNull(word);
        return new Constant(number != null ? number : word, from(start));
    }

    // ---- expressions --------------------------------------------------------------------------------

    Expression parseExpression() {
        return parseLogical();
    }

    /** Reads "-word" as an operator if one follows (after blanks); returns it lower-case or null. */
    private String peekNamedOperator(Set<String> accepted) {
        int save = pos;
        skipSpace();
        if (isDash(peek()) && Character.isLetter(peek(1))) {
            pos++;
            String w = readWord();
            String base = w;
            if ((w.startsWith("c") || w.startsWith("i")) && COMPARISON.contains(w.substring(1))) {
                base = w.substring(1);
            }
            if (accepted.contains(base)) {
                return w;
            }
        }
        pos = save;
        return null;
    }

    private String readWord() {
        int s = pos;
        while (!atEnd() && Character.isLetter(peek())) {
            pos++;
        }
        return src.substring(s, pos).toLowerCase(Locale.ROOT);
    }

    private Expression parseLogical() {
        return parseNamedLeftAssociative(Set.of("and", "or", "xor"), this::parseBitwise);
    }

    private Expression parseBitwise() {
        return parseNamedLeftAssociative(Set.of("band", "bor", "bxor"), this::parseComparison);
    }

    /**
     * One precedence level of "-word" binary operators: operands from {@code operand}, folded to the left while
     * one of {@code operators} follows (a newline may follow the operator).
     */
    private Expression parseNamedLeftAssociative(Set<String> operators, Supplier<Expression> operand) {
        int start = pos;
        Expression left = operand.get();
        while (true) {
            String op = peekNamedOperator(operators);
            if (op == null) {
                return left;
            }
            skipSpaceAndNewlines();
            Expression right = operand.get();
            left = new Binary(op, left, right, from(start));
        }
    }

    private Expression parseComparison() {
        int start = pos;
        Expression left = parseAdditive();
        while (true) {
            String op = peekNamedOperator(COMPARISON);
            if (op == null) {
                int save = pos;
                skipSpace();
                if (isDash(peek()) && Character.isLetter(peek(1))) {
                    int tokenStart = pos;
                    pos++;
                    String w = readWord();
                    if (!Set.of("and", "or", "xor", "band", "bor", "bxor", "f").contains(w)) {
                        String token = src.substring(tokenStart, pos);
                        throw new ParseException(tokenStart, token.length(), "Unexpected token '" + token
                                + "' in expression or statement.", "UnexpectedToken");
                    }
                }
                pos = save;
                return left;
            }
            skipSpaceAndNewlines();
            Expression right = parseAdditive();
            left = new Binary(op, left, right, from(start));
        }
    }

    private Expression parseAdditive() {
        int start = pos;
        Expression left = parseMultiplicative();
        while (true) {
            int save = pos;
            skipSpace();
            char c = peek();
            if ((c == '+' || isDash(c)) && peek(1) != '=' && !(isDash(c) && Character.isLetter(peek(1)))
                    && !(c == '+' && peek(1) == '+')) {
                pos++;
                skipSpaceAndNewlines();
                Expression right = parseMultiplicative();
                left = new Binary(c == '+' ? "+" : "-", left, right, from(start));
            } else {
                pos = save;
                return left;
            }
        }
    }

    private Expression parseMultiplicative() {
        int start = pos;
        Expression left = parseFormat();
        while (true) {
            int save = pos;
            skipSpace();
            char c = peek();
            if ((c == '*' || c == '/' || c == '%') && peek(1) != '=') {
                pos++;
                skipSpaceAndNewlines();
                Expression right = parseFormat();
                left = new Binary(String.valueOf(c), left, right, from(start));
            } else {
                pos = save;
                return left;
            }
        }
    }

    private Expression parseFormat() {
        // Only the word "f" itself is accepted, so the operator recorded is "f" as before.
        return parseNamedLeftAssociative(Set.of("f"), this::parseRange);
    }

    private Expression parseRange() {
        int start = pos;
        Expression left = parseArrayLiteral();
        int save = pos;
        skipSpace();
        if (peek() == '.' && peek(1) == '.') {
            pos += 2;
            skipSpaceAndNewlines();
            Expression right = parseArrayLiteral();
            return new Binary("..", left, right, from(start));
        }
        pos = save;
        return left;
    }

    private Expression parseArrayLiteral() {
        return parseCommaList(this::parseUnary, () -> !noComma);
    }

    private Expression parseUnary() {
        int start = pos;
        skipSpace();
        char c = peek();
        if (c == '!') {
            pos++;
            skipSpace();
            return new Unary("-not", parseUnary(), from(start));
        }
        if (c == ',') {
            pos++;
            skipSpace();
            Expression e = parseUnary();
            return new ArrayLiteral(List.of(e), from(start));
        }
        if (isDash(c) && Character.isLetter(peek(1))) {
            int save = pos;
            pos++;
            String w = readWord();
            if (Set.of("not", "bnot", "split", "join").contains(w)) {
                skipSpaceAndNewlines();
                return new Unary("-" + w, parseUnary(), from(start));
            }
            pos = save;
            throw unexpected();
        }
        if ((c == '+' && peek(1) == '+' || isDash(c) && isDash(peek(1))) && peek(2) == '$') {
            pos += 2;
            Expression operand = parsePrimaryWithPostfix(false);
            return new Unary(c == '+' ? "pre++" : "pre--", operand, from(start));
        }
        if ((isDash(c) || c == '+') && !(isDash(c) && isDash(peek(1))) && !(c == '+' && peek(1) == '+')) {
            pos++;
            skipSpace();
            Expression operand = parseUnary();
            if (isDash(c) && operand instanceof Constant k && k.value() instanceof Number n) {
                return new Constant(negate(n), from(start));
            }
            return new Unary(isDash(c) ? "-" : "+", operand, from(start));
        }
        if (c == '[') {
            int save = pos;
            String type = readTypeName();
            if (peek() == ':' && peek(1) == ':') {
                pos = save;
                return parsePrimaryWithPostfix(false);
            }
            int afterType = pos;
            skipSpace();
            char n = peek();
            boolean operandFollows = n == '$' || n == '(' || n == '@' || n == '\'' || n == '"' || n == '['
                    || Character.isDigit(n) || n == '{' || isDash(n) && (Character.isDigit(peek(1)) || peek(1) == '$')
                    || n == '!';
            if (operandFollows && afterType == pos || operandFollows && n != '[' ) {
                Expression operand = parseUnary();
                return new Convert(type, operand, from(start));
            }
            pos = afterType;
            Expression lit = new TypeLiteral(type, from(start));
            return parsePostfix(lit, start, false);
        }
        return parsePrimaryWithPostfix(false);
    }

    private static Number negate(Number n) {
        if (n instanceof Integer i) {
            return -i;
        }
        if (n instanceof Long l) {
            return -l;
        }
        return -n.doubleValue();
    }

    /** Reads "[Type.Name]" (with generic/array suffixes), returning the name without brackets. */
    private String readTypeName() {
        int start = pos;
        pos++;
        int depth = 1;
        StringBuilder sb = new StringBuilder();
        while (!atEnd() && depth > 0) {
            char c = peek();
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    pos++;
                    break;
                }
            } else if (isNewline(c)) {
                break;
            }
            sb.append(c);
            pos++;
        }
        if (depth > 0) {
            throw new ParseException(start, "Missing ] at end of type token.", "EndSquareBracketExpectedAtEndOfType");
        }
        String name = sb.toString().trim();
        if (name.isEmpty()) {
            throw new ParseException(start + 1, "Missing type name after '['.", "MissingTypename");
        }
        return name;
    }

    private Expression parsePrimaryWithPostfix(boolean argumentMode) {
        int start = pos;
        Expression primary = parsePrimary();
        return parsePostfix(primary, start, argumentMode);
    }

    private Expression parsePostfix(Expression target, int start, boolean argumentMode) {
        while (true) {
            char c = peek();
            if (!argumentMode && (c == '+' && peek(1) == '+' || isDash(c) && isDash(peek(1)))
                    && (target instanceof Variable || target instanceof Member || target instanceof Index)) {
                pos += 2;
                return new Unary(c == '+' ? "post++" : "post--", target, from(start));
            }
            if (c == '.' && peek(1) != '.' || c == ':' && peek(1) == ':') {
                boolean isStatic = c == ':';
                pos += isStatic ? 2 : 1;
                int nameStart = pos;
                Expression name;
                if (peek() == '\'' || peek() == '"') {
                    name = parsePrimary();
                } else if (peek() == '$') {
                    name = parsePrimary();
                } else {
                    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                        pos++;
                    }
                    if (pos == nameStart) {
                        if (argumentMode) {
                            pos = nameStart - (isStatic ? 2 : 1);
                            return target;
                        }
                        throw new ParseException(pos, "Missing property name after reference operator.",
                                "MissingPropertyName");
                    }
                    name = new Constant(src.substring(nameStart, pos), from(nameStart));
                }
                if (peek() == '(') {
                    pos++;
                    List<Expression> args = new ArrayList<>();
                    skipSpaceAndNewlines();
                    if (peek() != ')') {
                        while (true) {
                            skipSpaceAndNewlines();
                            args.add(parseMethodArgument());
                            skipSpaceAndNewlines();
                            if (peek() == ',') {
                                pos++;
                                continue;
                            }
                            break;
                        }
                    }
                    skipSpaceAndNewlines();
                    if (peek() != ')') {
                        throw new ParseException(pos, "Missing closing ')' in method call.", "MissingEndParenthesisInMethodCall");
                    }
                    pos++;
                    target = new InvokeMember(target, name, args, isStatic, from(start));
                } else {
                    target = new Member(target, name, isStatic, from(start));
                }
            } else if (c == '[' && !(target instanceof TypeLiteral)) {
                pos++;
                skipSpaceAndNewlines();
                Expression index = parseExpression();
                skipSpaceAndNewlines();
                if (peek() != ']') {
                    throw new ParseException(pos, "Array index expression is missing or not valid.", "MissingArrayIndexExpression");
                }
                pos++;
                target = new Index(target, index, from(start));
            } else {
                return target;
            }
        }
    }

    /** A method argument: an expression without the top-level comma (commas separate arguments). */
    private Expression parseMethodArgument() {
        return parseLogicalNoComma();
    }

    private Expression parseLogicalNoComma() {
        // Method arguments are full expressions but ',' separates them; parse one unary-level item
        // chain through the binary operators by temporarily treating ',' as a terminator.
        int start = pos;
        Expression e = parseLogicalInner();
        return e == null ? new Constant(null, from(start)) : e;
    }

    private boolean noComma;

    private Expression parseLogicalInner() {
        boolean saved = noComma;
        noComma = true;
        try {
            return parseLogical();
        } finally {
            noComma = saved;
        }
    }

    Expression parsePrimary() {
        int start = pos;
        char c = peek();
        switch (c) {
            case '$':
                return parseDollar();
            case '\'':
            case '\u2018':
            case '\u2019':
                return new Constant(readSingleQuoted(), from(start));
            case '"':
            case '\u201c':
            case '\u201d':
                return parseDoubleQuoted();
            case '@':
                return parseAt();
            case '(': {
                pos++;
                skipSpaceAndNewlines();
                if (peek() == ')') {
                    throw new ParseException(pos, "An expression was expected after '('.", "ExpectedExpression");
                }
                boolean saved = noComma;
                noComma = false;
                Statement s;
                try {
                    s = parseStatement();
                } finally {
                    noComma = saved;
                }
                skipSpaceAndNewlines();
                if (peek() != ')') {
                    throw new ParseException(pos, "Missing closing ')' in expression.", "MissingEndParenthesisInExpression");
                }
                pos++;
                return new Paren(s, from(start));
            }
            case '{': {
                return parseScriptBlock();
            }
            case '[': {
                String type = readTypeName();
                return new TypeLiteral(type, from(start));
            }
            default:
                if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                    Object n = readNumber();
                    return new Constant(n, from(start));
                }
                throw unexpected();
        }
    }

    private Expression parseDollar() {
        int start = pos;
        pos++;
        char c = peek();
        if (c == '(') {
            pos++;
            Block body = parseStatements(')', pos);
            if (peek() != ')') {
                throw new ParseException(start, "Missing closing ')' in subexpression.", "MissingEndParenthesisInSubexpression");
            }
            pos++;
            return new SubExpression(body, from(start));
        }
        if (c == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw new ParseException(start, "Missing '}' in variable reference.", "MissingEndCurlyBrace");
            }
            String name = src.substring(pos + 1, end);
            pos = end + 1;
            return variable(name, start);
        }
        if (c == '_' && !isVarChar(peek(1)) || c == '?' || c == '$' || c == '^') {
            pos++;
            return new Variable(null, String.valueOf(c), from(start));
        }
        int nameStart = pos;
        while (!atEnd() && isVarChar(peek())) {
            pos++;
        }
        if (peek() == ':' && peek(1) != ':' && pos > nameStart && (isVarChar(peek(1)))) {
            pos++;
            while (!atEnd() && isVarChar(peek())) {
                pos++;
            }
        }
        String name = src.substring(nameStart, pos);
        if (name.isEmpty()) {
            throw new ParseException(start, "Variable reference is not valid. '$' was not followed by a valid variable "
                    + "name character. Consider using ${} to delimit the name.", "InvalidVariableReference");
        }
        return variable(name, start);
    }

    private Variable variable(String name, int start) {
        int colon = name.indexOf(':');
        if (colon > 0) {
            String scope = name.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = name.substring(colon + 1);
            if (Set.of("env", "script", "global", "local", "private").contains(scope)) {
                return new Variable(scope, rest, from(start));
            }
            throw new ParseException(start, "The lab's PowerShell does not support the '" + scope
                    + ":' drive in variable names.", "LabUnsupportedSyntax");
        }
        return new Variable(null, name, from(start));
    }

    private static boolean isVarChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '?';
    }

    private Expression parseAt() {
        int start = pos;
        char n = peek(1);
        if (n == '(') {
            pos += 2;
            Block body = parseStatements(')', pos);
            if (peek() != ')') {
                throw new ParseException(start, "Missing closing ')' in subexpression.", "MissingEndParenthesisInSubexpression");
            }
            pos++;
            return new ArrayExpression(body, from(start));
        }
        if (n == '{') {
            pos += 2;
            return parseHashBody(start, false);
        }
        if (n == '"' || n == '\'') {
            return parseHereString();
        }
        throw unexpected();
    }

    private HashLiteral parseHashBody(int start, boolean ordered) {
        boolean saved = noComma;
        noComma = false;
        try {
            return parseHashEntries(start, ordered);
        } finally {
            noComma = saved;
        }
    }

    private HashLiteral parseHashEntries(int start, boolean ordered) {
        List<HashEntry> entries = new ArrayList<>();
        while (true) {
            skipSpaceAndNewlines();
            while (peek() == ';') {
                pos++;
                skipSpaceAndNewlines();
            }
            if (peek() == '}') {
                pos++;
                return new HashLiteral(entries, ordered, from(start));
            }
            if (atEnd()) {
                throw new ParseException(start, "Missing closing '}' in statement block or type definition.",
                        "MissingEndCurlyBrace");
            }
            int keyStart = pos;
            Expression key;
            char c = peek();
            if (c == '\'' || c == '"' || c == '$' || c == '(') {
                key = parseUnary();
            } else if (Character.isDigit(c)) {
                key = new Constant(readNumber(), from(keyStart));
            } else {
                while (!atEnd() && !Character.isWhitespace(peek()) && "=;}".indexOf(peek()) < 0) {
                    pos++;
                }
                if (pos == keyStart) {
                    throw new ParseException(pos, "Missing key before '=' in hash literal.", "MissingKeyInHashLiteral");
                }
                key = new Constant(src.substring(keyStart, pos), from(keyStart));
            }
            skipSpace();
            if (peek() != '=') {
                throw new ParseException(pos, "Missing '=' operator after key in hash literal.", "MissingEqualsInHashLiteral");
            }
            pos++;
            skipSpaceAndNewlines();
            if (peek() == '}' || atEnd()) {
                throw new ParseException(pos, "Missing statement after '=' in hash literal.", "MissingStatementInHashLiteral");
            }
            Statement value = parseStatement();
            entries.add(new HashEntry(key, value));
            skipSpace();
            if (atEnd()) {
                throw new ParseException(start, "Missing closing '}' in statement block or type definition.",
                        "MissingEndCurlyBrace");
            }
            if (peek() != ';' && peek() != '}' && !isNewline(peek())) {
                throw new ParseException(pos, "The hash literal was incomplete.", "IncompleteHashLiteral");
            }
        }
    }

    private String readSingleQuoted() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new ParseException(start, "The string is missing the terminator: '.", "TerminatorExpectedAtEndOfString");
            }
            char c = peek();
            if (isSingleQuote(c)) {
                if (isSingleQuote(peek(1))) {
                    sb.append(c);
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
        }
    }

    private static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';
    }

    private static boolean isDoubleQuote(char c) {
        return c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
    }

    private static char escapeChar(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'e' -> '\u001b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> c;
        };
    }

    private Expression parseDoubleQuoted() {
        int start = pos;
        pos++;
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new ParseException(start, "The string is missing the terminator: \".", "TerminatorExpectedAtEndOfString");
            }
            char c = peek();
            if (isDoubleQuote(c)) {
                if (isDoubleQuote(peek(1))) {
                    lit.append(c);
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '`' && pos + 1 < src.length()) {
                lit.append(escapeChar(peek(1)));
                pos += 2;
                continue;
            }
            if (c == '$' && expandableAfterDollar(peek(1))) {
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                parts.add(parseDollarInString());
                continue;
            }
            lit.append(c);
            pos++;
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        if (parts.stream().allMatch(p -> p instanceof String)) {
            return new Constant(String.join("", parts.stream().map(Object::toString).toList()), from(start));
        }
        return new ExpandableString(parts, from(start));
    }

    private static boolean expandableAfterDollar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '(' || c == '{' || c == '?' || c == '$' || c == '^';
    }

    private Expression parseDollarInString() {
        // a variable in a string takes no member access: "$x.Name" is $x followed by ".Name"
        int start = pos;
        if (peek(1) == '(' || peek(1) == '{') {
            return parseDollar();
        }
        pos++;
        int nameStart = pos;
        if (peek() == '?' || peek() == '$' || peek() == '^') {
            pos++;
            return new Variable(null, src.substring(nameStart, pos), from(start));
        }
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        if (peek() == ':' && pos > nameStart && (Character.isLetterOrDigit(peek(1)) || peek(1) == '_')) {
            String scope = src.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            if (Set.of("env", "script", "global", "local").contains(scope)) {
                pos++;
                while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                    pos++;
                }
            }
        }
        return variable(src.substring(nameStart, pos), start);
    }

    private Expression parseHereString() {
        int start = pos;
        boolean expandable = peek(1) == '"';
        pos += 2;
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
        if (peek() == '\r') {
            pos++;
        }
        if (peek() != '\n') {
            throw new ParseException(pos, "No characters are allowed after a here-string header but before the end of "
                    + "the line.", "UnexpectedCharactersAfterHereStringHeader");
        }
        pos++;
        String terminator = expandable ? "\"@" : "'@";
        int contentStart = pos;
        int search = pos;
        while (true) {
            int idx = src.indexOf("\n" + terminator, search - 1);
            if (idx < 0 || idx < contentStart - 1) {
                if (src.startsWith(terminator, contentStart)) {
                    idx = contentStart - 1;
                } else {
                    throw new ParseException(start, "The string is missing the terminator: " + terminator + ".",
                            "TerminatorExpectedAtEndOfString");
                }
            }
            int contentEnd = Math.max(contentStart, idx > 0 && src.charAt(idx - 1) == '\r' ? idx - 1 : idx);
            String content = src.substring(contentStart, contentEnd);
            pos = idx + 1 + terminator.length();
            if (!expandable) {
                return new Constant(content.replace("\r\n", "\n").replace("\n", "\r\n"), from(start));
            }
            Parser inner = new Parser("\"" + content.replace("\"", "`\"") + "\"");
            Expression e = inner.parseDoubleQuoted();
            return e;
        }
    }

    // ---- numbers ------------------------------------------------------------------------------------

    private Object readNumber() {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' && Character.isDigit(peek(1))
                || (peek() == '+' || isDash(peek())) && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                && !src.substring(start, pos).toLowerCase(Locale.ROOT).startsWith("0x"))) {
            pos++;
        }
        String text = src.substring(start, pos);
        Object n = numberOrNull(text);
        if (n == null) {
            pos = start;
            throw new ParseException(start, "Unexpected token '" + text + "' in expression or statement.",
                    "UnexpectedToken");
        }
        return n;
    }

    /** A PowerShell numeric literal, or null if the text is not one. */
    static Object numberOrNull(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        for (String[] suffix : new String[][] {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"tb", "1099511627776"}, {"pb", "1125899906842624"}}) {
            if (t.endsWith(suffix[0])) {
                multiplier = Long.parseLong(suffix[1]);
                t = t.substring(0, t.length() - 2);
                break;
            }
        }
        boolean forceLong = false;
        boolean forceDecimal = false;
        if (t.endsWith("l") && !t.startsWith("0x") || t.startsWith("0x") && t.endsWith("l")) {
            forceLong = true;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("d") && !t.startsWith("0x")) {
            forceDecimal = true;
            t = t.substring(0, t.length() - 1);
        }
        try {
            if (t.startsWith("0x")) {
                long v = Long.parseUnsignedLong(t.substring(2), 16) * multiplier;
                return !forceLong && v <= Integer.MAX_VALUE && v >= Integer.MIN_VALUE ? (Object) (int) v
                        : (Object) v;
            }
            if (!t.matches("\\d*\\.?\\d+(e[+-]?\\d+)?|\\d+\\.")) {
                return null;
            }
            if (t.contains(".") || t.contains("e") || forceDecimal) {
                return Double.parseDouble(t) * multiplier;
            }
            java.math.BigInteger big = new java.math.BigInteger(t).multiply(java.math.BigInteger.valueOf(multiplier));
            if (!forceLong && big.bitLength() < 32) {
                return big.intValue();
            }
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return big.doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
