package io.authcert.run;

import io.authcert.transport.CommandResult;
import io.authcert.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For fake transports: reads a {@link ScriptBatch} command back into its steps' scripts and answers it as
 * PowerShell would (each step's output between its begin and end lines; the first failure ends it).
 */
public final class BatchScripts {

    /** One step of a batch: its id and the script it runs. */
    public record Block(String id, String script) {
    }

    /** Answers one step's script. */
    @FunctionalInterface
    public interface Answer {
        CommandResult run(String script) throws TransportException;
    }

    private static final Pattern BLOCK = Pattern.compile(
            "Write-Output \\('(#authcert-[0-9a-f]+ )begin (\\S+) ' \\+ [^\\n]*\\)\\n& \\{\\n(.*?)\\n\\}\\nWrite-Output \\('\\1end \\2 ",
            Pattern.DOTALL);

    private BatchScripts() {
    }

    public static boolean isBatch(String script) {
        return BLOCK.matcher(script).find();
    }

    public static List<Block> split(String script) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(script);
        while (m.find()) {
            out.add(new Block(m.group(2), m.group(3)));
        }
        return out;
    }

    /** The answer PowerShell would give to the batch, each step answered by {@code answer}. */
    public static CommandResult run(String script, Answer answer) throws TransportException {
        Matcher m = BLOCK.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(1);
            out.append(prefix).append("begin ").append(m.group(2)).append(" 2026-11-26T09:00:00.0000000Z\n");
            CommandResult r = answer.run(m.group(3));
            out.append(r.stdout());
            if (!r.stdout().isEmpty() && !r.stdout().endsWith("\n")) {
                out.append('\n');
            }
            if (!r.succeeded()) {
                return new CommandResult(out.toString(), r.stderr(), r.exitCode(), Duration.ZERO);
            }
            out.append(prefix).append("end ").append(m.group(2)).append(" 2026-11-26T09:00:00.0000000Z\n");
        }
        return new CommandResult(out.toString(), "", 0, Duration.ZERO);
    }
}
