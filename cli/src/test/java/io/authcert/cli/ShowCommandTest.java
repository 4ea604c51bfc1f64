package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code engine show}: a saved plan rendered exactly as the planner's renderers render it (the golden files). */
class ShowCommandTest {

    private static final Path GOLDEN = Path.of("core/src/test/resources/plan/golden");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expired", "staged", "outside", "hybrid-staged"})
    void aSavedPlanShowsInEveryFormatAsThePlannerRendersIt(String name) throws Exception {
        Path saved = GOLDEN.resolve(name + ".json");

        assertThat(run("show", saved.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(GOLDEN.resolve(name + ".txt")));

        out.getBuffer().setLength(0);
        assertThat(run("show", saved.toString(), "--format", "markdown")).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(GOLDEN.resolve(name + ".md")));

        out.getBuffer().setLength(0);
        assertThat(run("show", saved.toString(), "--format", "json")).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(saved));
    }

    @Test
    void aMissingFileADirectoryAndAFileThatIsNoPlanAreRefusedInWords(@TempDir Path dir) throws Exception {
        assertThat(run("show", dir.resolve("plan.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("plan.json").doesNotContain("Exception").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(run("show", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a directory, not a saved plan");

        err.getBuffer().setLength(0);
        Path notAPlan = Files.writeString(dir.resolve("notes.json"), "[1, 2]");
        assertThat(run("show", notAPlan.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("notes.json").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }
}
