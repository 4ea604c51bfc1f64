package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken input of the corpus ({@code cli/src/test/resources/cli/broken/KIND/}, and the broken
 * playbooks of core) given to the CLI as a user would: refused with exit 1, each problem at its
 * {@code FILE:LINE:COL} with its message and hint, "nothing was changed", no stack trace. The
 * headers are described in the corpus's README.md; the whole run's time is printed, not asserted.
 */
class BrokenInputsTest {

    private static final Path CORPUS = Path.of("cli/src/test/resources/cli/broken");
    private static final Path CORE_PLAYBOOKS = Path.of("core/src/test/resources/playbook/broken");
    private static final Path GENERATED = Path.of("cli/target/broken-generated");

    /** The command each kind of input is given to, unless its header says {@code # run:}. */
    private static final Map<String, String> COMMAND_OF_KIND = Map.of(
            "playbook", "validate -i {inv} {file}",
            "inventory", "validate -i {file} {playbook}",
            "ini", "validate -i {file} {playbook}",
            "vault", "validate -i {file} {playbook} --vault-password-file {support}/vault-password.txt",
            "facts", "plan -i {inv} {playbook} --facts {file} --now 2026-12-01T00:00:00Z",
            "plan", "apply -i {inv} {file}");

    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.*) \\| (.*)");
    private static final Pattern RUN = Pattern.compile("# run: (.*)");
    private static final Pattern EXPECT_FILE = Pattern.compile("# expect-file: (.*)");

    private static long started;
    private static int ran;

    record Expected(int line, int column, String message, String hint) {
    }

    record Case(String kind, Path file, String command, String expectFile, List<Expected> expected) {

        @Override
        public String toString() {
            return kind + "/" + file.getFileName();
        }
    }

    static Stream<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Path f : filesIn(CORE_PLAYBOOKS)) {
            cases.add(read("playbook", f));
        }
        for (Path kind : filesOrDirs(CORPUS, true)) {
            for (Path f : filesIn(kind)) {
                cases.add(read(kind.getFileName().toString(), f));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void writeWhatIsTooLargeForGit() throws IOException {
        Files.createDirectories(GENERATED);
        fill(GENERATED.resolve("huge-playbook.yml"), "- hosts: exchange\n  vars:\n", i -> "    v" + i + ": \"" + "x".repeat(100) + "\"\n");
        fill(GENERATED.resolve("huge-inventory.yml"), "all:\n  hosts:\n", i -> "    host" + i + ".corp.example: {ansible_port: 5986}\n");
        started = System.nanoTime();
    }

    @AfterAll
    static void printTheTime() {
        System.out.printf("BrokenInputsTest: %d broken inputs refused in %d ms%n", ran, (System.nanoTime() - started) / 1_000_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedSayingWhatWhereAndHowToFixIt(Case c) {
        assertThat(c.expected()).as("%s declares its expected problems", c.file()).isNotEmpty();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(words(c.command()).toArray(String[]::new), Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        ran++;
        assertRefused(c, code, err.toString());
    }

    /** The one assertion: exit 1, every expected problem with its hint, their number, no stack trace. */
    private static void assertRefused(Case c, int code, String err) {
        String shown = "engine " + c.command() + "\n" + err;
        assertThat(code).as(shown).isEqualTo(ExitCode.ERROR);
        assertThat(err).as(shown).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("\tat ");
        int n = c.expected().size();
        assertThat(err).as(shown).contains(n + (n == 1 ? " error" : " errors") + " found; nothing was changed.");
        List<String> lines = err.lines().toList();
        for (Expected e : c.expected()) {
            // "# expect-file: -": a problem of the command line that names no file.
            String where = c.expectFile() + (e.line() == 0 ? "" : ":" + e.line() + ":" + e.column());
            String headline = c.expectFile().equals("-") ? e.message() : where + ": " + e.message();
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) {
                at = lines.get(i).startsWith(headline) ? i : -1;
            }
            assertThat(at).as("%s\nno line starts with: %s", shown, headline).isGreaterThanOrEqualTo(0);
            StringBuilder hint = new StringBuilder();
            for (int i = at + 1; i < lines.size() && (lines.get(i).startsWith("  hint: ") || lines.get(i).startsWith("    ")); i++) {
                hint.append(lines.get(i).replaceFirst("^ {2}hint: ", "").strip()).append(' ');
            }
            assertThat(hint.toString()).as("%s\nthe hint of: %s", shown, headline).contains(e.hint());
        }
    }

    private static Case read(String kind, Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".expect");
        List<String> header = Files.readAllLines(Files.exists(sidecar) ? sidecar : file, StandardCharsets.UTF_8);
        String command = COMMAND_OF_KIND.get(kind);
        String expectFile = "{file}";
        List<Expected> expected = new ArrayList<>();
        for (String line : header) {
            Matcher m;
            if ((m = EXPECT.matcher(line)).matches()) {
                expected.add(new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
            } else if ((m = RUN.matcher(line)).matches()) {
                command = m.group(1);
            } else if ((m = EXPECT_FILE.matcher(line)).matches()) {
                expectFile = m.group(1);
            }
        }
        assertThat(command).as("%s: a # run: line (kind %s has no default command)", file, kind).isNotNull();
        return new Case(kind, file, substitute(command, file), substitute(expectFile, file), expected);
    }

    private static String substitute(String text, Path file) {
        return text.replace("{file}", file.toString())
                .replace("{dir}", file.getParent().toString())
                .replace("{inv}", CORPUS.resolve("hosts.yml").toString())
                .replace("{playbook}", "playbooks/auth-certificate.yml")
                .replace("{support}", CORPUS.resolve("support").toString())
                .replace("{generated}", GENERATED.toString());
    }

    /** A command line split as a shell would: at spaces, except inside '...' or "...". */
    private static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char ch : command.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == ' ') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** The cases of a kind: its files, without sidecars; folders inside it hold support files. */
    private static List<Path> filesIn(Path dir) throws IOException {
        return filesOrDirs(dir, false).stream().filter(p -> !p.toString().endsWith(".expect")).toList();
    }

    private static List<Path> filesOrDirs(Path dir, boolean dirs) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> dirs ? Files.isDirectory(p) && !p.getFileName().toString().equals("support")
                    : Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void fill(Path file, String head, java.util.function.IntFunction<String> line) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(head);
            long size = head.length();
            for (int i = 0; size <= 5L * 1024 * 1024; i++) {
                String l = line.apply(i);
                w.write(l);
                size += l.length();
            }
        }
    }
}
