package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar: the tree it builds for valid scripts, and the errors it reports for broken ones. */
class ParserTest {

    /** Valid scripts and a rendering of their tree's outline. */
    static final Object[][] TREES = {
        {"command with named, switch, colon and positional", "Set-X -A 1 -B -C:$false pos",
                "Command(Set-X,[-A, Argument, -B, -C:, Argument])"},
        {"pipeline", "Get-A | Where-Object { $_ } | Select-Object -First 1",
                "Pipeline[Command(Get-A,[]), Command(Where-Object,[Argument]), Command(Select-Object,[-First, Argument])]"},
        {"assignment of a pipeline", "$x = Get-A -B 2", "Assignment($x = Command(Get-A,[-B, Argument]))"},
        {"member call chain", "(Get-Date).AddHours(49).ToString('o')", "InvokeMember(InvokeMember(Paren,AddHours),ToString)"},
        {"static member assignment", "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8",
                "Assignment(Member(static OutputEncoding) = Member(static UTF8))"},
        {"precedence", "1 + 2 * 3 -eq 7 -and -not $false", "Binary(and,Binary(eq,Binary(+,1,Binary(*,2,3)),7),Unary(-not))"},
        {"comma binds tighter than +", "1, 2 + 3", "Binary(+,Array[2],3)"},
        {"cast and index", "[int]$a[0]", "Convert(int,Index)"},
        {"hash literal on several lines", "@{\n  a = 1\n  b = Get-X -Y\n}", "Hash[a, b]"},
        {"ordered hash", "[ordered]@{ a = 1; b = 2 }", "Convert(ordered,Hash[a, b])"},
        {"keywords", "if ($a) { 1 } elseif ($b) { 2 } else { 3 }\nforeach ($i in $list) { $i }\n"
                + "try { x } catch [System.Exception] { y } finally { z }", "If(2 clauses, else), Foreach(i), Try(1 catch, finally)"},
        {"function with parameters", "function Get-Thing($a, [int]$b = 2) { return $a }", "Function(Get-Thing,[a, b:int])"},
    };

    /** Broken scripts and the error id PowerShell reports for them. */
    static final Object[][] ERRORS = {
        {"if (", "IfStatementMissingCondition"},
        {"if ($a) ", "MissingStatementBlock"},
        {"'open", "TerminatorExpectedAtEndOfString"},
        {"\"open", "TerminatorExpectedAtEndOfString"},
        {"@{ a = 1", "MissingEndCurlyBrace"},
        {"@{ a }", "MissingEqualsInHashLiteral"},
        {"$x = ", "ExpectedValueExpression"},
        {"Get-A | ", "EmptyPipeElement"},
        {"Get-A | 1", "ExpressionsMustBeFirstInPipeline"},
        {"try { 1 }", "MissingCatchOrFinally"},
        {"$a.Foo(1", "MissingEndParenthesisInMethodCall"},
        {"foreach ($i of $x) { }", "MissingInInForeach"},
        {"1 -bogus 2", "UnexpectedToken"},
        {"switch ($x) { }", "LabUnsupportedSyntax"},
        {"Get-A > out.txt", "LabUnsupportedSyntax"},
    };

    static Stream<Arguments> trees() {
        return Stream.of(TREES).map(c -> Arguments.of(c));
    }

    static Stream<Arguments> errors() {
        return Stream.of(ERRORS).map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void buildsTheTree(String name, String script, String outline) {
        Ast.Block block = new Parser(script).parseScript();
        assertThat(Outline.of(block)).isEqualTo(outline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsSyntaxErrors(String script, String errorId) {
        assertThatThrownBy(() -> new Parser(script).parseScript())
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.errorId()).isEqualTo(errorId));
    }

    @Test
    void positionsAreOffsetsIntoTheScript() {
        Ast.Block block = new Parser("\n  Get-A -B 1 | Out-Null").parseScript();
        Ast.Command c = (Ast.Command) ((Ast.PipelineStatement) block.statements().get(0)).pipeline().elements().get(0);
        assertThat(c.nameExtent()).isEqualTo(new Ast.Extent(3, 8));
        assertThat(c.extent()).isEqualTo(new Ast.Extent(3, 13));
        SourceText text = new SourceText("\n  Get-A -B 1 | Out-Null");
        assertThat(text.line(3)).isEqualTo(2);
        assertThat(text.column(3)).isEqualTo(3);
    }

    @Test
    void theValidScriptsAreValidForTheIndependentChecker() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Object[] c : TREES) {
            scripts.put("parse-" + c[0], (String) c[1]);
        }
        PsSyntaxCheck.assertValid(scripts);
    }

    /** A compact rendering of a tree, for the table. */
    static final class Outline {
        static String of(Ast.Block b) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            b.statements().forEach(s -> parts.add(of(s)));
            return String.join(", ", parts);
        }

        static String of(Ast.Statement s) {
            if (s instanceof Ast.PipelineStatement p) {
                return of(p.pipeline());
            }
            if (s instanceof Ast.Assignment a) {
                return "Assignment(" + of(a.target()) + " " + a.op() + " " + of(a.value()) + ")";
            }
            if (s instanceof Ast.If i) {
                return "If(" + i.clauses().size() + " clauses" + (i.elseBody() != null ? ", else" : "") + ")";
            }
            if (s instanceof Ast.Foreach f) {
                return "Foreach(" + f.variable() + ")";
            }
            if (s instanceof Ast.Try t) {
                return "Try(" + t.catches().size() + " catch" + (t.finallyBody() != null ? ", finally" : "") + ")";
            }
            if (s instanceof Ast.FunctionDefinition f) {
                java.util.List<String> ps = new java.util.ArrayList<>();
                f.parameters().forEach(p -> ps.add(p.name() + (p.type() != null ? ":" + p.type() : "")));
                return "Function(" + f.name() + "," + ps + ")";
            }
            return s.getClass().getSimpleName();
        }

        static String of(Ast.Pipeline p) {
            if (p.elements().size() == 1) {
                return of(p.elements().get(0));
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            p.elements().forEach(e -> parts.add(of(e)));
            return "Pipeline" + parts;
        }

        static String of(Ast.PipelineElement e) {
            if (e instanceof Ast.Command c) {
                java.util.List<String> parts = new java.util.ArrayList<>();
                for (Ast.CommandElement el : c.elements()) {
                    parts.add(el instanceof Ast.ParameterToken t ? "-" + t.name() + (t.value() != null ? ":" : "")
                            : "Argument");
                }
                return "Command(" + c.name() + "," + parts + ")";
            }
            return of(((Ast.ExpressionElement) e).expression());
        }

        static String of(Ast.Expression e) {
            if (e instanceof Ast.Constant c) {
                return String.valueOf(c.value());
            }
            if (e instanceof Ast.Variable v) {
                return "$" + v.name();
            }
            if (e instanceof Ast.Binary b) {
                return "Binary(" + b.op() + "," + of(b.left()) + "," + of(b.right()) + ")";
            }
            if (e instanceof Ast.Unary u) {
                return "Unary(" + u.op() + ")";
            }
            if (e instanceof Ast.ArrayLiteral a) {
                return "Array[" + a.elements().size() + "]";
            }
            if (e instanceof Ast.InvokeMember m) {
                return "InvokeMember(" + of(m.target()) + "," + of(m.name()) + ")";
            }
            if (e instanceof Ast.Member m) {
                return "Member(" + (m.isStatic() ? "static " : "") + of(m.name()) + ")";
            }
            if (e instanceof Ast.Convert c) {
                return "Convert(" + c.typeName() + "," + of(c.operand()) + ")";
            }
            if (e instanceof Ast.HashLiteral h) {
                java.util.List<String> keys = new java.util.ArrayList<>();
                h.entries().forEach(en -> keys.add(of(en.key())));
                return "Hash" + keys;
            }
            return e.getClass().getSimpleName();
        }
    }
}
