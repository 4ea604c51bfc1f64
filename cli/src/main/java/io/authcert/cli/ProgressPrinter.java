package io.authcert.cli;

import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import io.authcert.run.StepOutcome;
import io.authcert.run.StepResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live progress of an apply that a person can follow. On a terminal: one line per phase, redrawn in
 * place with hosts done/total and who is being waited for, and failures on lines of their own.
 * Elsewhere (CI logs, pipes): plain timestamped lines, a waiting line only when who is missing changes.
 */
final class ProgressPrinter implements RunListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Terminal terminal;
    private final PrintWriter out;
    private int phases;
    private int phase;
    private String phaseName = "";
    private List<String> phaseHosts = List.of();
    private final Set<String> finishedHosts = new HashSet<>();
    private final Map<String, Integer> stepsLeft = new LinkedHashMap<>();
    private Map<String, String> waitingFor = Map.of();
    private boolean lineOpen;

    ProgressPrinter(Terminal terminal) {
        this.terminal = terminal;
        this.out = terminal.out();
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            phases = e.phases();
            plain(e, "apply " + e.playbook() + ": " + e.steps() + " steps in " + e.phases() + " phases on "
                    + String.join(", ", e.hosts()));
        } else if (event instanceof RunEvent.PhaseStarted e) {
            phase = e.phase();
            phaseName = e.name();
            phaseHosts = e.hosts();
            finishedHosts.clear();
            waitingFor = Map.of();
            stepsLeft.clear();
            stepsLeft.putAll(e.steps());
            if (terminal.interactive()) {
                redraw();
            } else {
                plain(e, "phase " + e.phase() + "/" + phases + " " + e.name() + ": " + String.join(", ", e.hosts())
                        + (e.batches().size() > 1 ? " in batches " + e.batches() : ""));
            }
        } else if (event instanceof RunEvent.StepStarted e) {
            if (!terminal.interactive()) {
                plain(e, e.host() + " " + e.action().jsonName() + (e.orgWide() ? " (organisation-wide)" : "") + " ...");
            }
        } else if (event instanceof RunEvent.StepFinished e) {
            StepResult r = e.result();
            if (r.phase() != phase && terminal.interactive() && !r.outcome().failedHost()) {
                return; // a step of a phase that never started (the run was stopped): the recap lists it
            }
            int left = stepsLeft.merge(r.host(), -1, Integer::sum);
            if (left <= 0) {
                finishedHosts.add(r.host());
            }
            if (terminal.interactive()) {
                if (r.outcome().failedHost()) {
                    above(terminal.red(r.host() + " " + r.action().jsonName() + " " + r.outcome().jsonName() + ": " + r.message()));
                } else {
                    redraw();
                }
            } else {
                plain(e, r.host() + " " + r.action().jsonName() + " " + colour(r.outcome()) + " (" + seconds(r.duration()) + ")"
                        + (r.message().isBlank() || r.outcome() == StepOutcome.CHANGED ? "" : ": " + r.message()));
            }
        } else if (event instanceof RunEvent.WaitingForHosts e) {
            boolean changed = !e.pending().equals(waitingFor);
            waitingFor = e.pending();
            if (terminal.interactive()) {
                redraw();
            } else if (changed) {
                plain(e, "waiting (" + seconds(e.waited()) + " of " + seconds(e.timeout()) + ") for " + describe(e.pending()));
            }
        } else if (event instanceof RunEvent.HostNudged e) {
            String text = e.succeeded() ? e.host() + ": restarted " + e.service() + " to speed up certificate deployment"
                    : e.host() + ": could not restart " + e.service() + " (the wait goes on): " + e.message();
            if (terminal.interactive()) {
                above(text);
            } else {
                plain(e, text);
            }
        } else if (event instanceof RunEvent.HostFailed e) {
            String text = terminal.red(e.host() + " failed: " + e.reason());
            if (terminal.interactive()) {
                above(text);
            } else {
                plain(e, text);
            }
        } else if (event instanceof RunEvent.Replanned e) {
            String text = "response lost on " + String.join(", ", e.lostHosts()) + ": facts gathered again, "
                    + e.steps() + " steps left";
            if (terminal.interactive()) {
                above(text);
            } else {
                plain(e, text);
            }
        } else if (event instanceof RunEvent.PhaseFinished e) {
            if (terminal.interactive()) {
                waitingFor = Map.of();
                redraw();
                out.println();
                lineOpen = false;
            } else {
                plain(e, "phase " + e.phase() + "/" + phases + " " + e.name() + " done: " + e.hostsDone() + "/" + e.hostsTotal()
                        + " hosts" + (e.failedHosts().isEmpty() ? "" : ", failed: " + String.join(", ", e.failedHosts())));
            }
        } else if (event instanceof RunEvent.RunFinished e) {
            closeLine();
            String text = "apply " + e.status().name().toLowerCase(java.util.Locale.ROOT) + " in " + seconds(e.duration())
                    + (e.reason().isBlank() ? "" : ": " + e.reason());
            String coloured = e.status() == io.authcert.run.RunResult.Status.SUCCEEDED ? terminal.green(text) : terminal.red(text);
            out.println(terminal.interactive() ? coloured : TIME.format(e.at()) + " " + coloured);
        }
        out.flush();
    }

    private void redraw() {
        String line = "[" + phase + "/" + phases + "] " + phaseName + "  " + finishedHosts.size() + "/" + phaseHosts.size()
                + " hosts done" + (waitingFor.isEmpty() ? "" : "  waiting for " + describe(waitingFor));
        out.print("\r\u001b[2K" + terminal.bold(line));
        lineOpen = true;
    }

    /** Prints a line above the phase line and draws the phase line again. */
    private void above(String text) {
        out.print("\r\u001b[2K");
        out.println(text);
        lineOpen = false;
        if (phase > 0) {
            redraw();
        }
    }

    private void closeLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    private void plain(RunEvent e, String text) {
        out.println(TIME.format(e.at()) + " " + text);
    }

    private String colour(StepOutcome outcome) {
        return switch (outcome) {
            case CHANGED -> terminal.yellow("changed");
            case OK -> terminal.green("ok");
            case FAILED, UNREACHABLE -> terminal.red(outcome.jsonName());
            default -> outcome.jsonName();
        };
    }

    private static String describe(Map<String, String> pending) {
        StringBuilder sb = new StringBuilder();
        pending.forEach((host, why) -> sb.append(sb.length() == 0 ? "" : ", ").append(host)
                .append(why.isBlank() ? "" : " (" + why + ")"));
        return sb.toString();
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? (d.toMillis() < 10_000 && s < 10 ? String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0) : s + "s")
                : (s / 60) + "m" + (s % 60) + "s";
    }
}
