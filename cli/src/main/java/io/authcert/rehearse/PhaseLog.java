package io.authcert.rehearse;

import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every phase of the applies on the twin: which run it belongs to, when it started and ended on
 * the twin's clock, its hosts and batches, and the most servers that could not sign in while it ran.
 */
final class PhaseLog implements RunListener {

    private final List<RehearsalReport.PhaseTime> done = new ArrayList<>();
    private String run = "";
    private Plan plan;
    private RunEvent.PhaseStarted open;
    private int mostDown;

    /** The phases that follow belong to {@code plan}, shown under {@code label}. */
    void startRun(String label, Plan runPlan) {
        this.run = label;
        this.plan = runPlan;
    }

    Plan plan() {
        return plan;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.PhaseStarted s) {
            open = s;
            mostDown = 0;
        } else if (event instanceof RunEvent.PhaseFinished f && open != null && open.phase() == f.phase()) {
            int largest = open.batches().stream().mapToInt(List::size).max().orElse(open.hosts().size());
            boolean rolling = plan != null && plan.phases().stream().filter(p -> p.number() == f.phase()).anyMatch(Phase::rolling);
            done.add(new RehearsalReport.PhaseTime(run, open.phase(), open.name(), open.at(), Duration.between(open.at(), f.at()),
                    open.hosts(), largest, rolling, mostDown));
            open = null;
        }
    }

    /** {@code count} servers cannot sign in right now. */
    void down(int count) {
        if (open != null) {
            mostDown = Math.max(mostDown, count);
        }
    }

    List<RehearsalReport.PhaseTime> phases() {
        return List.copyOf(done);
    }

    /** The phase running now, as the report names it, or null between phases. */
    String current() {
        return open == null ? null : (run.isEmpty() ? "" : run + ", ") + "phase " + open.phase() + " (" + open.name() + ")";
    }
}
