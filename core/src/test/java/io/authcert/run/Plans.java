package io.authcert.run;

import io.authcert.plan.Action;
import io.authcert.plan.ExchangeNames;
import io.authcert.plan.Nudge;
import io.authcert.plan.Phase;
import io.authcert.plan.Plan;
import io.authcert.plan.Step;
import io.authcert.plan.StepScript;
import io.authcert.powershell.PsScript;
import io.authcert.transport.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small plans and targets for executor tests. Each step's script is {@code # <id>} so calls can be matched. */
final class Plans {

    private Plans() {
    }

    static Step step(String id, String host, Action action) {
        return new Step(id, host, false, "r/" + id, action, "test", script(id), false, Duration.ofMinutes(10));
    }

    static Step orgStep(String id, String host, Action action) {
        return new Step(id, host, true, "auth_certificate", action, "test", script(id), false, Duration.ofMinutes(10));
    }

    static Step waitStep(String id, String host, Action action, Duration timeout) {
        return new Step(id, host, false, "wait/" + host, action, "test", script(id), true, timeout);
    }

    /** A certificate wait that may restart MSExchangeServiceHost on {@code nudged} every {@code interval}. */
    static Step nudgingWait(String id, String host, Duration timeout, Duration interval, String... nudged) {
        return waitStep(id, host, Action.WAIT_FOR_CERTIFICATE, timeout)
                .withNudge(new Nudge(ExchangeNames.SERVICE_HOST, List.of(nudged), interval));
    }

    /** The script {@code # <id>}, sent and shown alike. */
    static StepScript script(String id) {
        return StepScript.of(PsScript.bare().constant("# " + id));
    }

    static Phase phase(int number, List<String> serial, Step... steps) {
        return new Phase(number, "phase " + number, serial, Arrays.asList(steps));
    }

    static Phase phase(int number, Step... steps) {
        return phase(number, List.of(), steps);
    }

    static Plan plan(List<String> hosts, Plan.FailurePolicy policy, Phase... phases) {
        return new Plan(Plan.FORMAT_VERSION, "test.yml", Instant.parse("2026-01-01T00:00:00Z"), "fp", hosts, policy,
                Arrays.asList(phases), List.of(), List.of(), List.of());
    }

    static Map<String, Target> targets(List<String> hosts) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (String h : hosts) {
            out.put(h, new Target(h, Target.Connection.WINRM, "127.0.0.1", 5985, Target.Scheme.HTTP, "/wsman", "u", null,
                    Target.AuthTransport.BASIC, false, null, Duration.ofMinutes(1), Duration.ofMinutes(1), null, Target.MessageEncryption.AUTO));
        }
        return out;
    }
}
