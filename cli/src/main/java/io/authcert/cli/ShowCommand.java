package io.authcert.cli;

import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
import io.authcert.plan.PlanMarkdownRenderer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engine show PLAN.json}: a saved plan, read back and rendered; nothing connects to a server. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Shows a saved plan (engine plan ... --out PLAN.json) as text, JSON or Markdown, without connecting to any server.",
            "The text and Markdown are what engine plan prints (Markdown with every script in full, for a review).",
        },
        footer = {
            "",
            "Examples:",
            "  engine show plan.json                                # the plan as engine plan showed it",
            "  engine show plan.json --format markdown > plan.md    # for a pull request comment",
            "",
            "Exit codes: 0 shown, 1 the file is missing or not a saved plan.",
        })
public final class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.json", description = "A plan saved by engine plan --out.")
    Path plan;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    PlanCommand.Format format;

    private final Terminal terminal;

    @Inject
    ShowCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Plan saved = SavedPlanFile.read(plan);
        switch (format) {
            case json -> terminal.out().print(PlanJson.write(saved));
            case markdown -> terminal.out().print(new PlanMarkdownRenderer().render(saved));
            case text -> new PlanPrinter(terminal).print(saved);
        }
        terminal.out().flush();
        return ExitCode.OK;
    }
}
