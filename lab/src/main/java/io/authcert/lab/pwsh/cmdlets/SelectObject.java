package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsHashtable;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.ScriptBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Select-Object: -Property (names, wildcards, calculated), -ExpandProperty, -First, -Last, -Skip, -Unique. */
final class SelectObject implements Cmdlet {

    @Override
    public String name() {
        return "Select-Object";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Property", PsType.arrayOf(PsType.OBJECT)).position(0),
                Parameter.named("ExpandProperty", PsType.STRING),
                Parameter.named("First", PsType.INT32),
                Parameter.named("Last", PsType.INT32),
                Parameter.named("Skip", PsType.INT32),
                Parameter.named("Unique", PsType.SWITCH),
                Parameter.named("ExcludeProperty", PsType.STRING_ARRAY),
                Parameter.named("InputObject", PsType.OBJECT).pipeline());
    }

    @Override
    public void invoke(Invocation call) {
        BoundParameters p = call.parameters();
        List<Object> items = new ArrayList<>(call.expectingInput() ? call.input() : List.of(p.get("InputObject")));
        if (p.has("Skip")) {
            int skip = Math.min(items.size(), (Integer) p.get("Skip"));
            items = new ArrayList<>(items.subList(skip, items.size()));
        }
        if (p.has("First") || p.has("Last")) {
            List<Object> picked = new ArrayList<>();
            if (p.has("First")) {
                picked.addAll(items.subList(0, Math.min(items.size(), (Integer) p.get("First"))));
            }
            if (p.has("Last")) {
                int last = Math.min(items.size(), (Integer) p.get("Last"));
                picked.addAll(items.subList(items.size() - last, items.size()));
            }
            items = picked;
        }
        List<Object> seen = new ArrayList<>();
        for (Object item : items) {
            Object result = item;
            if (p.has("Property")) {
                result = project(call, item, p.list("Property"));
            }
            if (p.has("ExpandProperty")) {
                String name = p.string("ExpandProperty");
                Object source = result;
                boolean has = source instanceof PsObject o ? o.has(name) : source instanceof PsHashtable h && h.containsKey(name);
                if (!has) {
                    call.writeError(ErrorRecord.about(name, "Property \"" + name + "\" cannot be found.",
                            ErrorCategory.InvalidArgument, "ExpandPropertyNotFound", "PSArgumentException"));
                    continue;
                }
                Object value = source instanceof PsObject o ? o.get(name) : ((PsHashtable) source).get(name);
                emit(call, value, seen, p.flag("Unique"), true);
                continue;
            }
            emit(call, result, seen, p.flag("Unique"), false);
        }
    }

    private static void emit(Invocation call, Object value, List<Object> seen, boolean unique, boolean enumerate) {
        List<Object> values = enumerate ? LanguagePrimitives.enumerate(value) : java.util.Collections.singletonList(value);
        for (Object v : values) {
            if (unique) {
                if (seen.stream().anyMatch(s -> LanguagePrimitives.psEquals(s, v, true))) {
                    continue;
                }
                seen.add(v);
            }
            call.write(v);
        }
    }

    private static PsObject project(Invocation call, Object item, List<Object> properties) {
        PsObject out = PsObject.custom();
        for (Object spec : properties) {
            if (spec instanceof PsHashtable h) {
                Object nameKey = h.containsKey("Name") ? h.get("Name") : h.containsKey("Label") ? h.get("Label")
                        : h.get("n");
                Object expr = h.containsKey("Expression") ? h.get("Expression") : h.get("e");
                if (nameKey == null || expr == null) {
                    throw new PsException(ErrorRecord.of("The \"Expression\" key has a type, System.Object, that is not "
                            + "valid; expected type is {System.String, System.Management.Automation.ScriptBlock}.",
                            ErrorCategory.InvalidArgument, "DictionaryKeyIllegalValue2", "NotSupportedException"));
                }
                Object value;
                if (expr instanceof ScriptBlock sb) {
                    List<Object> r = call.invoke(sb, item, List.of());
                    value = r.isEmpty() ? null : r.size() == 1 ? r.get(0) : r;
                } else {
                    value = get(item, LanguagePrimitives.toStringValue(expr));
                }
                out.set(LanguagePrimitives.toStringValue(nameKey), value);
                continue;
            }
            String name = LanguagePrimitives.toStringValue(spec);
            if (name.contains("*") || name.contains("?")) {
                Pattern pattern = wildcard(name);
                for (String prop : names(item)) {
                    if (pattern.matcher(prop).matches()) {
                        out.set(prop, get(item, prop));
                    }
                }
            } else {
                out.set(name, get(item, name));
            }
        }
        return out;
    }

    private static List<String> names(Object item) {
        if (item instanceof PsObject o) {
            return o.propertyNames();
        }
        List<String> names = new ArrayList<>();
        if (item instanceof PsHashtable h) {
            h.keys().forEach(k -> names.add(LanguagePrimitives.toStringValue(k)));
        }
        return names;
    }

    private static Object get(Object item, String name) {
        if (item instanceof PsObject o) {
            return o.get(name);
        }
        if (item instanceof PsHashtable h) {
            return h.get(name);
        }
        if (item instanceof String s && name.equalsIgnoreCase("Length")) {
            return s.length();
        }
        return null;
    }

    private static Pattern wildcard(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
    }
}
