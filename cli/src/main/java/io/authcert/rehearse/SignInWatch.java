package io.authcert.rehearse;

import io.authcert.lab.EmbeddedLab;
import io.authcert.plan.Action;
import io.authcert.plan.Phase;
import io.authcert.plan.Step;
import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches OWA sign-in on every twin server while the plan runs, on the twin's clock: after every event
 * of the run and around every wait it asks each server what a user's sign-in would get, and keeps a
 * line each time the set of servers that cannot sign in changes. A server also counts as down while
 * its Service Host restart and pool recycles run: the twin restarts in no simulated time, so this is
 * how the rolling batches show (a load balancer takes a restarting server out of service).
 */
final class SignInWatch implements RunListener {

    private final EmbeddedLab lab;
    private final Map<String, String> serverOfHost;
    private final PhaseLog phases;
    private final Clock clock;
    private final Map<String, Integer> restartsLeft = new HashMap<>();
    private final Set<String> restarting = new LinkedHashSet<>();
    private final List<RehearsalReport.SignInSample> samples = new ArrayList<>();
    private List<String> lastDown;

    SignInWatch(EmbeddedLab lab, Map<String, String> serverOfHost, PhaseLog phases, Clock clock) {
        this.lab = lab;
        this.serverOfHost = serverOfHost;
        this.phases = phases;
        this.clock = clock;
    }

    @Override
    public void on(RunEvent event) {
        phases.on(event); // the phase log first, so a sample names the phase it falls in
        if (event instanceof RunEvent.PhaseStarted s) {
            restartsLeft.clear();
            phases.plan().phases().stream().filter(p -> p.number() == s.phase()).findFirst().map(Phase::steps).orElse(List.of())
                    .stream().filter(SignInWatch::restarts).forEach(st -> restartsLeft.merge(st.host(), 1, Integer::sum));
        } else if (event instanceof RunEvent.StepStarted s && restarts(s.action())) {
            restarting.add(s.host());
        } else if (event instanceof RunEvent.StepFinished f && restarts(f.result().action())) {
            int left = restartsLeft.merge(f.result().host(), -1, Integer::sum);
            if (left <= 0) {
                restarting.remove(f.result().host());
            }
        } else if (event instanceof RunEvent.PhaseFinished) {
            restarting.clear();
        }
        sample();
    }

    /** Looks at every server now; keeps a line when who cannot sign in changed. */
    void sample() {
        List<String> down = new ArrayList<>();
        serverOfHost.forEach((host, server) -> {
            if (restarting.contains(host) || lab.healthOf(server).signIn() != 302 && !edge(server)) {
                down.add(host);
            }
        });
        phases.down(down.size());
        String during = phases.current();
        if (!down.equals(lastDown)) {
            lastDown = down;
            samples.add(new RehearsalReport.SignInSample(clock.instant(), down, during == null ? "between phases" : during));
        }
    }

    private boolean edge(String server) {
        return lab.host(server).server().isEdge();
    }

    List<RehearsalReport.SignInSample> samples() {
        return List.copyOf(samples);
    }

    private static boolean restarts(Step step) {
        return restarts(step.action());
    }

    private static boolean restarts(Action action) {
        return action == Action.RESTART_SERVICE || action == Action.RECYCLE_APP_POOL;
    }
}
