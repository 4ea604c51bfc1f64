package io.authcert.playbook.modules;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a module's arguments as the Markdown table of {@code docs/playbook.md}. A test checks that
 * the page holds exactly these tables, so the documentation cannot drift from what is validated.
 */
public final class ModuleDocs {

    private ModuleDocs() {
    }

    /** The argument table of one module. */
    public static String table(ModuleDefinition module) {
        StringBuilder out = new StringBuilder();
        out.append("| argument | type | default | allowed | meaning |\n");
        out.append("|----------|------|---------|---------|---------|\n");
        for (ArgumentSpec a : module.arguments()) {
            out.append("| `").append(a.name()).append("` | ")
                    .append(a.type().displayName()).append(" | ")
                    .append(defaultText(a)).append(" | ")
                    .append(allowedText(a)).append(" | ")
                    .append(escape(a.description())).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultText(ArgumentSpec a) {
        if (a.required()) {
            return "**required**";
        }
        Object d = a.defaultValue();
        if (d == null) {
            return a.type() == ArgumentType.LIST ? "`[]`" : "none";
        }
        if (d instanceof Duration duration) {
            return "`" + DurationText.format(duration) + "`";
        }
        if (d instanceof List<?> list) {
            return "`[" + list.stream().map(Object::toString).collect(Collectors.joining(", ")) + "]`";
        }
        return "`" + escape(d.toString()) + "`";
    }

    private static String allowedText(ArgumentSpec a) {
        if (!a.allowed().isEmpty()) {
            return a.allowed().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
        }
        if (a.min() != null || a.max() != null) {
            return ModuleDefinition.rangeText(a);
        }
        return "";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
