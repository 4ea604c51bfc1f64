package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's help, the top level and the lab included, ends with examples a new user can paste. */
class HelpTest {

    private static String help(List<String> command) {
        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(command);
        args.add("--help");
        int code = Main.run(args.toArray(String[]::new), Terminal.plain(new PrintWriter(out), new PrintWriter(new StringWriter())));
        assertThat(code).as("exit code of %s --help", command).isZero();
        return out.toString();
    }

    @ParameterizedTest(name = "engine {0} --help")
    @ValueSource(strings = {"", "validate", "inventory", "facts", "plan", "show", "apply", "rehearse", "lab", "lab up"})
    void showsExamples(String command) {
        List<String> words = command.isEmpty() ? List.of() : List.of(command.split(" "));
        String text = help(words);

        assertThat(text).contains("Usage: engine" + (command.isEmpty() ? "" : " " + command));
        assertThat(text).contains("Examples:");
        String examples = text.substring(text.indexOf("Examples:"));
        assertThat(examples.lines().filter(l -> l.strip().startsWith("engine ")).count()).as("example lines").isGreaterThanOrEqualTo(1);
    }
}
