package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Start-Sleep -Seconds N | -Milliseconds N (Windows PowerShell 5.1 takes whole numbers). The time is the
 * server's simulated time: at speed X it sleeps 1/X of it; on a frozen clock no time passes, so it returns at once;
 * a clock that jumps at waits ({@link io.authcert.lab.pwsh.JumpingClock}) moves on by it instead.
 */
final class StartSleep implements Cmdlet {

    @Override
    public String name() {
        return "Start-Sleep";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Seconds", PsType.INT32).position(0).aliases("s"),
                Parameter.named("Milliseconds", PsType.INT32).aliases("ms"));
    }

    @Override
    public void invoke(Invocation call) {
        for (BoundParameters p : call.records()) {
            Duration simulated = p.has("Milliseconds") ? Duration.ofMillis((Integer) p.get("Milliseconds"))
                    : Duration.ofSeconds(p.has("Seconds") ? (Integer) p.get("Seconds") : 0);
            if (!(call.clock() instanceof io.authcert.lab.pwsh.JumpingClock jumping) || !jumping.jumpOver(simulated)) {
                sleep(call.clock(), simulated);
            }
        }
    }

    /**
     * Until the session's clock has moved on by {@code simulated}, whatever its speed (learnt from the clock as it
     * goes, so a speed change mid-sleep is followed); a clock that stands still ends it.
     */
    private static void sleep(Clock clock, Duration simulated) {
        Instant simStart = clock.instant();
        Instant until = simStart.plus(simulated);
        long realStart = System.nanoTime();
        try {
            for (Instant now = simStart; now.isBefore(until); ) {
                long simElapsed = Duration.between(simStart, now).toNanos();
                long realElapsed = System.nanoTime() - realStart;
                long napMillis = 1; // the first nap learns the speed
                if (simElapsed > 0 && realElapsed > 0) {
                    double speed = (double) simElapsed / realElapsed;
                    napMillis = Math.max(1, Math.min(50, (long) (Duration.between(now, until).toMillis() / speed)));
                }
                Thread.sleep(napMillis);
                Instant after = clock.instant();
                if (!after.isAfter(now)) {
                    return; // a frozen clock: no time passes
                }
                now = after;
            }
        } catch (InterruptedException e) {
            // the command is being stopped (the lab closes, or the client signalled it): end the sleep
            Thread.currentThread().interrupt();
        }
    }
}
