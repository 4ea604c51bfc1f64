package io.authcert.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Hostile and careless YAML is refused with a clear message at the right place. */
class SafeYamlTest {

    private static InputException refused(Runnable action) {
        InputException e = catchThrowableOfType(InputException.class, action::run);
        assertThat(e).as("refused with an InputException").isNotNull();
        return e;
    }

    @Test
    void billionLaughsIsRefusedByTheAliasLimit() {
        Path file = Path.of("core/src/test/resources/yaml/billion-laughs.yml");
        InputException e = refused(() -> SafeYaml.composeAll(file));
        Diagnostic d = e.diagnostics().get(0);
        assertThat(d.location().file()).isEqualTo(file.toString());
        assertThat(d.message()).isEqualTo("too many aliases");
        // the 51st alias of a list: 10 on line 3 (b), 10 each on lines 4 to 7, the first of line 8
        assertThat(d.location().line()).isEqualTo(8);
        assertThat(d.location().column()).isEqualTo(8);
        assertThat(d.hint()).contains("more than " + SafeYaml.MAX_ALIASES + " aliases").contains("billion laughs");
    }

    @Test
    void fewAliasesThatDoubleAtEachLevelAreRefusedByTheExpansionCheck() {
        Path file = Path.of("core/src/test/resources/yaml/alias-doubling.yml");
        InputException e = refused(() -> SafeYaml.composeAll(file));
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("this document expands to more than " + AliasExpansion.MAX_NODES + " values through its aliases");
            assertThat(d.hint()).contains("billion laughs");
            assertThat(d.location().line()).isEqualTo(2);
        });
    }

    @Test
    void aFewOrdinaryAliasesAreFine() {
        List<Node> docs = SafeYaml.composeAll("ok.yml", "base: &base {a: 1}\none: *base\ntwo: {<<: *base, b: 2}\n");
        assertThat(docs).singleElement().isInstanceOf(MappingNode.class);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(200) + "]".repeat(200);
        InputException e = refused(() -> SafeYaml.composeAll("deep.yml", deep));
        assertThat(e.diagnostics().get(0).hint()).contains("nests deeper than " + SafeYaml.MAX_DEPTH);
        assertThat(e.diagnostics().get(0).message()).isEqualTo("nested too deeply");
        assertThat(e.diagnostics().get(0).location()).hasToString("deep.yml:1:" + (SafeYaml.MAX_DEPTH + 1));
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        String ok = "[".repeat(SafeYaml.MAX_DEPTH - 2) + "]".repeat(SafeYaml.MAX_DEPTH - 2);
        assertThat(SafeYaml.composeAll("ok.yml", ok)).hasSize(1);
    }

    @Test
    void everyDuplicateKeyIsReportedAtItsSecondOccurrence() {
        String text = """
                name: first
                hosts: exchange
                vars:
                  a: 1
                  b: 2
                  a: 3
                name: second
                """;
        InputException e = refused(() -> SafeYaml.composeAll("dup.yml", text));
        assertThat(e.diagnostics()).extracting(d -> d.location().toString() + " " + d.message()).containsExactly(
                "dup.yml:6:3 duplicate key a (first written at line 4)",
                "dup.yml:7:1 duplicate key name (first written at line 1)");
        assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.hint()).contains("each key may appear once"));
    }

    @Test
    void sameTextWithDifferentTypesIsNotADuplicate() {
        assertThat(SafeYaml.composeAll("t.yml", "1: int\n'1': text\n")).hasSize(1);
    }

    @Test
    void javaTypeTagsAreRefused() {
        InputException e = refused(() -> SafeYaml.composeAll("t.yml", "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n"));
        assertThat(e.diagnostics().get(0).location()).hasToString("t.yml:1:4");
        assertThat(e.diagnostics().get(0).message()).isEqualTo("invalid YAML: the tag !!javax.script.ScriptEngineManager is not allowed");
        assertThat(e.diagnostics().get(0).hint()).contains("never constructs objects");
    }
}
