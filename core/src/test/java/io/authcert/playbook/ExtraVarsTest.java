package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraVarsTest {

    @Test
    void keyValuePairsAreTextAndLaterOnesWin() {
        assertThat(ExtraVars.parse(List.of("a=1 b='two words'", "c=x=y", "a=3")))
                .containsExactly(Map.entry("a", "3"), Map.entry("b", "two words"), Map.entry("c", "x=y"));
    }

    @Test
    void inlineJsonKeepsTypes() {
        assertThat(ExtraVars.parse(List.of("{\"days\": 90, \"names\": [\"a\", \"b\"], \"clear\": false}")))
                .containsEntry("days", 90).containsEntry("names", List.of("a", "b")).containsEntry("clear", false);
    }

    @Test
    void fromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("extra.yml");
        Files.writeString(file, "primary: ex01\nstage_days: 14\n");
        assertThat(ExtraVars.parse(List.of("@" + file))).containsEntry("primary", "ex01").containsEntry("stage_days", 14);
    }

    @Test
    void everyMalformedOptionIsReported() {
        InputException e = catchThrowableOfType(InputException.class,
                () -> ExtraVars.parse(List.of("novalue", "1bad=x", "@/does/not/exist.yml")));
        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "expected key=value, found 'novalue'", "expected key=value, found '1bad=x'",
                "file not found");
    }
}
