package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.WaitingClock;
import java.time.Duration;
import java.util.List;

/**
 * Start-Sleep -Seconds N | -Milliseconds N (Windows PowerShell 5.1 takes whole numbers). The time is the
 * server's: a simulated clock says how it passes ({@link WaitingClock}: its share of real time at its speed,
 * none when frozen, a jump where its harness jumps it at waits); any other clock is real time.
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
            try {
                if (call.clock() instanceof WaitingClock clock) {
                    clock.waitFor(simulated);
                } else if (!simulated.isNegative() && !simulated.isZero()) {
                    Thread.sleep(simulated.toMillis());
                }
            } catch (InterruptedException e) {
                // the command is being stopped (the lab closes, or the client signalled it): end the sleep
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
