package io.authcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values in a plan under review: every control and invisible layout character shown, printable text untouched. */
class PlanTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a newline forging a line       | 'Auth\\n  + create_certificate on ex09' | 'Auth\\\\n  + create_certificate on ex09'
            carriage return                | 'a\\rb'                                  | 'a\\\\rb'
            tab                            | 'a\\tb'                                  | 'a\\\\tb'
            ANSI escape                    | '\\u001b[2Kgone'                          | '\\\\u001B[2Kgone'
            bidi override                  | 'cert\\u202Etxt.exe'                     | 'cert\\\\u202Etxt.exe'
            line separator                 | 'a\\u2028b'                              | 'a\\\\u2028b'
            zero-width space               | 'E\\u200BX01'                            | 'E\\\\u200BX01'
            DEL and C1                     | 'a\\u007fb\\u0085c'                       | 'a\\\\u007Fb\\\\u0085c'
            backslash stays                | 'CONTOSO\\\\administrator'              | 'CONTOSO\\\\administrator'
            accents and quotes stay        | 'Zürich ’quoted’ "x"'                    | 'Zürich ’quoted’ "x"'
            """)
    void escapes(String what, String value, String shown) {
        assertThat(PlanText.escape(unescape(value))).isEqualTo(unescape(shown));
    }

    @org.junit.jupiter.api.Test
    void aFriendlyNameWithNewlinesCannotForgeLinesInTheTextOrMarkdownPlan() {
        String forged = "Auth\n  - remove_certificate auth_certificate on ex02\n      | x |";
        Step step = new Step("p1.ex01.create", "ex01", true, "auth_certificate", Action.CREATE_CERTIFICATE,
                "create '" + forged + "'", StepScript.none(), false, java.time.Duration.ofMinutes(10));
        Plan plan = new Plan(Plan.FORMAT_VERSION, "playbooks/auth-certificate.yml", FactsBuilder.NOW, "sha256:0",
                java.util.List.of("ex01"), new Plan.FailurePolicy(true, null),
                java.util.List.of(new Phase(1, "create", java.util.List.of(), java.util.List.of(step))),
                java.util.List.of(forged), java.util.List.of(), java.util.List.of());

        String text = new PlanTextRenderer().render(plan);
        String markdown = new PlanMarkdownRenderer().render(plan);

        assertThat(text.lines()).noneMatch(l -> l.startsWith("  - remove_certificate"));
        assertThat(text).contains("create 'Auth\\n  - remove_certificate auth_certificate on ex02\\n");
        assertThat(markdown.lines().filter(l -> l.startsWith("| ")).count()).as("one table row").isEqualTo(2);
    }

    /** The table above writes Java escapes as text so each case stays on one line. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
