package io.authcert.rehearse;

import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every phase of the apply on the twin: when it started and ended on the twin's clock, its hosts and batches. */
final class PhaseLog implements RunListener {

    private final Map<Integer, RunEvent.PhaseStarted> open = new LinkedHashMap<>();
    private final List<RehearsalReport.PhaseTime> done = new ArrayList<>();
    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.PhaseStarted s) {
            open.put(s.phase(), s);
        } else if (event instanceof RunEvent.PhaseFinished f && open.containsKey(f.phase())) {
            RunEvent.PhaseStarted s = open.remove(f.phase());
            int largest = s.batches().stream().mapToInt(List::size).max().orElse(s.hosts().size());
            done.add(new RehearsalReport.PhaseTime(s.phase(), s.name(), s.at(), Duration.between(s.at(), f.at()),
                    s.hosts(), largest));
        }
    }

    List<RehearsalReport.PhaseTime> phases() {
        return List.copyOf(done);
    }

    /** The phase running at the moment, or null between phases. */
    RunEvent.PhaseStarted current() {
        return open.isEmpty() ? null : open.values().iterator().next();
    }
}
