package io.authcert.rehearse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rehearsal's report as plain text lines, for the terminal (engine rehearse, engine plan --rehearse). */
public final class RehearsalText {

    /** Said before anything else: the reader must never wonder whether production was touched. */
    public static final String TWIN_ONLY = "Rehearsed on a twin: a simulated copy of the organisation built from the facts,"
            + " served by the lab on 127.0.0.1 with its own throwaway account. Nothing was sent to a real server.";

    public List<String> render(RehearsalReport r) {
        List<String> out = new ArrayList<>();
        out.add("Rehearsal");
        out.add("  " + TWIN_ONLY);
        out.add("  " + (r.converged() ? "CONVERGED" : "NOT CONVERGED") + ": " + verdict(r));
        r.problems().forEach(p -> out.add("    - " + p));
        out.add("");
        out.add("  Phases (simulated time, from " + r.started() + "; " + duration(r.duration()) + " in all):");
        if (r.phases().isEmpty()) {
            out.add("    (none: the plan has no steps)");
        }
        String run = "";
        for (RehearsalReport.PhaseTime p : r.phases()) {
            if (!p.run().equals(run)) {
                run = p.run();
                out.add("    " + run + " (" + p.started() + "):");
            }
            out.add("    " + p.number() + ". " + p.name() + "  " + duration(p.duration()) + "  on " + String.join(", ", p.hosts()));
        }
        out.add("");
        out.add("  OWA sign-in over time (who cannot sign in):");
        for (RehearsalReport.SignInSample s : r.signIn()) {
            out.add("    " + s.at() + "  " + (s.down().isEmpty() ? "every server signs in" : String.join(", ", s.down()))
                    + "  [" + s.during() + "]");
        }
        for (RehearsalReport.PhaseTime c : r.rolling()) {
            out.add("    " + (c.run().isEmpty() ? "" : c.run() + ", ") + "phase " + c.number() + " (" + c.name() + "): at most "
                    + c.mostDownAtOnce() + " down at once, serial batch " + c.largestBatch());
        }
        out.add("");
        out.add("  Commands per server (the twin's audit log; the cmdlets that change something):");
        for (Map.Entry<String, List<String>> e : r.commands().entrySet()) {
            out.add("    " + e.getKey() + ": " + e.getValue().size() + " command(s)");
            e.getValue().forEach(line -> out.add("      " + line));
        }
        if (!r.leftToDo().isEmpty()) {
            out.add("");
            out.add("  Planning again on the twin after the apply:");
            r.leftToDo().forEach(l -> out.add("    " + l));
        }
        if (!r.assumptions().isEmpty()) {
            out.add("");
            out.add("  What the twin assumed (the facts do not say):");
            r.assumptions().forEach(a -> out.add("    - " + a));
        }
        return out;
    }

    static String verdict(RehearsalReport r) {
        if (r.converged()) {
            long held = r.leftToDo().stream().filter(l -> l.startsWith(Rehearsal.HELD)).count();
            return "the apply ran, planning again finds nothing to do, and every server's OWA sign-in works"
                    + (held == 0 ? "" : "; " + held + " thing(s) stay held back for a person, as in the plan");
        }
        return "the plan did not bring the twin to the desired state";
    }

    /** {@code 2h 15m}, {@code 0s}: simulated durations are whole seconds. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) {
            b.append(s / 86_400).append("d ");
        }
        if (s % 86_400 >= 3600) {
            b.append(s % 86_400 / 3600).append("h ");
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append("m ");
        }
        if (s % 60 > 0) {
            b.append(s % 60).append("s ");
        }
        return b.toString().trim();
    }
}
