package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each file under {@code src/test/resources/playbook/broken} says in its header which
 * problems it must produce ({@code # expect: LINE:COL: message | hint}, split at the last bar); the loader must report
 * exactly those, every one of them, at those positions.
 */
class BrokenPlaybooksTest {

    private static final Path DIR = Path.of("core/src/test/resources/playbook/broken");
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.*) \\| (.*)");

    record Expected(int line, int column, String message, String hint) {
    }

    static Stream<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(DIR)) {
            return list.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void reportsEveryProblemAtItsLineAndColumn(Path file) throws IOException {
        List<Expected> expected = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                expected.add(new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
            }
        }
        assertThat(expected).as("%s declares its expected problems", file).isNotEmpty();

        InputException thrown = catchThrowableOfType(InputException.class,
                () -> new PlaybookLoader().load(file, Map.of()));
        assertThat(thrown).as("%s must be refused", file).isNotNull();
        List<Diagnostic> errors = thrown.diagnostics().stream().filter(Diagnostic::isError).toList();

        assertThat(errors).as(describe(errors)).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            Diagnostic d = errors.get(i);
            assertThat(d.location().file()).as(describe(errors)).isEqualTo(file.toString());
            assertThat(d.location().line()).as(describe(errors)).isEqualTo(e.line());
            assertThat(d.location().column()).as(describe(errors)).isEqualTo(e.column());
            assertThat(d.message()).as(describe(errors)).startsWith(e.message());
            assertThat(d.hint()).as(describe(errors)).contains(e.hint());
        }
    }

    private static String describe(List<Diagnostic> errors) {
        StringBuilder out = new StringBuilder("reported:\n");
        for (Diagnostic d : errors) {
            out.append("# expect: ").append(d.location() == null ? "?" : d.location().line() + ":" + d.location().column())
                    .append(": ").append(d.message()).append(" | ").append(d.hint()).append('\n');
        }
        return out.toString();
    }
}
