package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** INI values typed as Ansible types them (Python's ast.literal_eval, falling back to the text). */
class PythonLiteralTest {

    @Test
    void numbersBooleansAndNone() {
        assertThat(PythonLiteral.typed("5986")).isEqualTo(5986);
        assertThat(PythonLiteral.typed("-3")).isEqualTo(-3);
        assertThat(PythonLiteral.typed("1_000")).isEqualTo(1000);
        assertThat(PythonLiteral.typed("0x1F")).isEqualTo(31);
        assertThat(PythonLiteral.typed("0o17")).isEqualTo(15);
        assertThat(PythonLiteral.typed("1.5")).isEqualTo(1.5);
        assertThat(PythonLiteral.typed("1e3")).isEqualTo(1000.0);
        assertThat(PythonLiteral.typed("99999999999999999999")).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(PythonLiteral.typed("True")).isEqualTo(true);
        assertThat(PythonLiteral.typed("False")).isEqualTo(false);
        assertThat(PythonLiteral.typed("None")).isNull();
    }

    @Test
    void stringsAndContainers() {
        assertThat(PythonLiteral.typed("'5986'")).isEqualTo("5986");
        assertThat(PythonLiteral.typed("\"a\\tb\"")).isEqualTo("a\tb");
        assertThat(PythonLiteral.typed("r'C:\\temp'")).isEqualTo("C:\\temp");
        assertThat(PythonLiteral.typed("'a' 'b'")).isEqualTo("ab");
        assertThat(PythonLiteral.typed("[1, 'two', None]")).isEqualTo(Arrays.asList(1, "two", null));
        assertThat(PythonLiteral.typed("{'a': 1, 'b': [True]}")).isEqualTo(Map.of("a", 1, "b", List.of(true)));
        assertThat(PythonLiteral.typed("1, 2")).isEqualTo(List.of(1, 2));
        assertThat(PythonLiteral.typed("(1,)")).isEqualTo(List.of(1));
        assertThat(PythonLiteral.typed("(7)")).isEqualTo(7);
        assertThat(PythonLiteral.typed("7 # a comment")).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "10.0.0.1", "0755", "ignore", "abc # comment", "[1, 2", "{1, 2}", "f'x'", "1__0", " 1"})
    void anythingElseStaysText(String text) {
        assertThat(PythonLiteral.typed(text)).isEqualTo(text);
    }
}
