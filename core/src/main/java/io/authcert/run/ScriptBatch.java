package io.authcert.run;

import io.authcert.plan.Step;
import io.authcert.powershell.PsValue;
import io.authcert.transport.CommandResult;
import io.authcert.transport.ExchangeShells;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive steps of one host sent as one command: a server's restart and recycles, or create, stage
 * and publish on the primary. One round trip instead of one per step, and the Exchange cmdlets are
 * loaded once. Each step runs in its own script block between two lines the script prints, so the
 * answer still says which steps ran to their end, which one failed, and which never started; a lost
 * answer leaves every step of the batch unknown, as for a single step (the facts are gathered again).
 * The markers carry a random nonce, so no output of a step can pass for one.
 */
final class ScriptBatch {

    /** One step of the batch and the phase it belongs to. */
    record Entry(int phase, Step step) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport transport;
    private final Target target;
    private final List<Entry> entries;
    private final Clock clock;

    ScriptBatch(Transport transport, Target target, List<Entry> entries, Clock clock) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one step");
        }
        this.transport = transport;
        this.target = target;
        this.entries = List.copyOf(entries);
        this.clock = clock;
    }

    /** Whether {@code step} can go into a batch: a script step with a script to send. */
    static boolean batchable(Step step) {
        return !step.isWait() && step.action() != io.authcert.plan.Action.MANUAL_FOLLOWUP && step.script().sendable()
                && !step.script().isEmpty();
    }

    /**
     * Runs the batch; one result per step, in order ({@link StepOutcome#SKIPPED} for the steps after a failed one).
     *
     * @throws ResponseLostException when the answer was lost or late: any step may or may not have run
     */
    List<StepResult> call() throws ResponseLostException {
        Instant start = clock.instant();
        String nonce = HexFormat.of().formatHex(nonceBytes());
        Duration timeout = entries.stream().map(e -> e.step().timeout()).reduce(Duration.ZERO, Duration::plus);
        try {
            CommandResult result = transport.run(target, script(entries, nonce), timeout);
            return results(result, nonce, start, Duration.between(start, clock.instant()));
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.RESPONSE_LOST || e.kind() == TransportException.Kind.TIMED_OUT) {
                throw new ResponseLostException(entries.stream().map(Entry::step).toList(), e);
            }
            StepOutcome outcome = e.kind() == TransportException.Kind.UNREACHABLE ? StepOutcome.UNREACHABLE : StepOutcome.FAILED;
            String message = e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage();
            List<StepResult> out = new ArrayList<>();
            Entry first = entries.get(0);
            out.add(StepResult.of(first.phase(), first.step(), outcome, message, start, Duration.between(start, clock.instant())));
            entries.stream().skip(1).forEach(en -> out.add(StepResult.skipped(en.phase(), en.step(),
                    "not run: " + first.step().id() + " could not be sent (" + message + ")", clock.instant())));
            return out;
        }
    }

    private static byte[] nonceBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The command: each step's script in a script block, between its begin and end lines. */
    static String script(List<Entry> entries, String nonce) {
        StringBuilder s = new StringBuilder();
        s.append("$ErrorActionPreference = 'Stop'\n");
        for (Entry e : entries) {
            String id = e.step().id();
            s.append(marker(nonce, "begin", id)).append('\n');
            s.append("& {\n").append(e.step().script().sent().strip()).append("\n}\n");
            s.append(marker(nonce, "end", id)).append('\n');
        }
        return s.toString();
    }

    private static String marker(String nonce, String what, String id) {
        return "Write-Output (" + PsValue.string(prefix(nonce) + what + " " + id + " ").render()
                + " + [DateTime]::UtcNow.ToString('o'))";
    }

    private static String prefix(String nonce) {
        return "#authcert-" + nonce + " ";
    }

    /** Splits the answer back into one result per step. */
    private List<StepResult> results(CommandResult result, String nonce, Instant start, Duration took) {
        Map<String, List<String>> output = new LinkedHashMap<>();
        Map<String, Instant> begun = new LinkedHashMap<>();
        Map<String, Instant> ended = new LinkedHashMap<>();
        String prefix = prefix(nonce);
        List<String> currentOutput = null;
        for (String line : result.stdout().split("\\R")) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).split(" ", 3);
                if (parts.length >= 2) {
                    Instant at = parseInstant(parts.length == 3 ? parts[2] : "");
                    if (parts[0].equals("begin")) {
                        begun.put(parts[1], at);
                        currentOutput = output.computeIfAbsent(parts[1], k -> new ArrayList<>());
                    } else if (parts[0].equals("end")) {
                        ended.put(parts[1], at);
                        currentOutput = null;
                    }
                    continue;
                }
            }
            if (currentOutput != null) {
                currentOutput.add(line);
            }
        }
        List<StepResult> out = new ArrayList<>();
        String failed = null;
        Instant firstBegin = begun.values().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        for (Entry e : entries) {
            Step step = e.step();
            String id = step.id();
            Instant stepStart = offset(start, firstBegin, begun.get(id));
            Duration stepTook = between(begun.get(id), ended.get(id), took);
            if (failed != null) {
                out.add(StepResult.skipped(e.phase(), step, "not run: " + failed + " failed before it", clock.instant()));
            } else if (ended.containsKey(id)) {
                String last = ProbeAnswer.lastLine(String.join("\n", output.getOrDefault(id, List.of())));
                boolean unchanged = last.equalsIgnoreCase("unchanged");
                out.add(StepResult.of(e.phase(), step, unchanged ? StepOutcome.OK : StepOutcome.CHANGED,
                        unchanged ? "already as desired" : "done", stepStart, stepTook));
            } else {
                failed = id;
                String why = begun.containsKey(id) ? "" : " (it never started)";
                String hint = ExchangeShells.explain(target, result.stderr()).map(h -> " (" + h + ")").orElse("");
                out.add(StepResult.of(e.phase(), step, StepOutcome.FAILED, "exit code " + result.exitCode() + ": "
                        + ScriptStep.firstLine(result.stderr(), result.stdout()) + hint + why, stepStart, stepTook));
            }
        }
        return out;
    }

    private static Instant parseInstant(String text) {
        try {
            return text.isBlank() ? null : java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Where a step started on the engine's clock: the batch's start plus how long after the first step it began. */
    private static Instant offset(Instant start, Instant firstBegin, Instant begin) {
        if (firstBegin == null || begin == null || begin.isBefore(firstBegin)) {
            return start;
        }
        return start.plus(Duration.between(firstBegin, begin));
    }

    private static Duration between(Instant begin, Instant end, Duration whole) {
        if (begin == null || end == null || end.isBefore(begin)) {
            return whole;
        }
        return Duration.between(begin, end);
    }
}
