package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsHashtable;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.ScriptBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where-Object: a filter script block, or the simplified form {@code Where-Object Name -eq 'x'}. */
final class WhereObject implements Cmdlet {

    private static final List<String> OPERATORS = List.of("EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike",
            "Match", "NotMatch", "Contains", "NotContains", "In", "NotIn");

    @Override
    public String name() {
        return "Where-Object";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        ps.add(Parameter.named("FilterScript", PsType.OBJECT).position(0));
        ps.add(Parameter.named("Value", PsType.OBJECT).position(1));
        ps.add(Parameter.named("InputObject", PsType.OBJECT).pipeline());
        for (String op : OPERATORS) {
            ps.add(Parameter.named(op, PsType.SWITCH).aliases("I" + op));
        }
        return ps;
    }

    @Override
    public void invoke(Invocation call) {
        Object filter = call.parameters().get("FilterScript");
        List<Object> items = call.expectingInput() ? call.input() : List.of(call.parameters().get("InputObject"));
        for (Object item : items) {
            boolean keep;
            if (filter instanceof ScriptBlock sb) {
                List<Object> result = call.invoke(sb, item, List.of());
                keep = LanguagePrimitives.toBool(result.isEmpty() ? null : result.size() == 1 ? result.get(0) : result);
            } else {
                keep = simplified(call, LanguagePrimitives.toStringValue(filter), item);
            }
            if (keep) {
                call.write(item);
            }
        }
    }

    private static boolean simplified(Invocation call, String property, Object item) {
        Object actual = item instanceof PsObject o ? o.get(property) : item instanceof PsHashtable h ? h.get(property) : null;
        Object expected = call.parameters().get("Value");
        for (String op : OPERATORS) {
            if (!call.parameters().flag(op)) {
                continue;
            }
            return switch (op) {
                case "EQ" -> LanguagePrimitives.psEquals(actual, expected, false);
                case "NE" -> !LanguagePrimitives.psEquals(actual, expected, false);
                case "GT" -> LanguagePrimitives.psCompare(actual, expected, false) > 0;
                case "GE" -> LanguagePrimitives.psCompare(actual, expected, false) >= 0;
                case "LT" -> LanguagePrimitives.psCompare(actual, expected, false) < 0;
                case "LE" -> LanguagePrimitives.psCompare(actual, expected, false) <= 0;
                case "Like", "NotLike" -> like(actual, expected) == op.equals("Like");
                case "Match", "NotMatch" -> Pattern.compile(LanguagePrimitives.toStringValue(expected),
                        Pattern.CASE_INSENSITIVE).matcher(LanguagePrimitives.toStringValue(actual)).find()
                        == op.equals("Match");
                case "Contains", "NotContains" -> LanguagePrimitives.enumerate(actual).stream()
                        .anyMatch(x -> LanguagePrimitives.psEquals(x, expected, false)) == op.equals("Contains");
                default -> LanguagePrimitives.enumerate(expected).stream()
                        .anyMatch(x -> LanguagePrimitives.psEquals(actual, x, false)) == op.equals("In");
            };
        }
        return LanguagePrimitives.toBool(actual);
    }

    private static boolean like(Object actual, Object pattern) {
        StringBuilder sb = new StringBuilder();
        for (char c : LanguagePrimitives.toStringValue(pattern).toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                .matcher(LanguagePrimitives.toStringValue(actual)).matches();
    }
}
