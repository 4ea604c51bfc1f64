package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.BoundParameters;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsDateTime;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Get-Date: the simulated clock's now (a local time of the server), or -Date; -Format/-UFormat give strings. */
final class GetDate implements Cmdlet {

    @Override
    public String name() {
        return "Get-Date";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Date", PsType.DATETIME).position(0).pipeline().aliases("LastWriteTime"),
                Parameter.named("Year", PsType.INT32), Parameter.named("Month", PsType.INT32),
                Parameter.named("Day", PsType.INT32), Parameter.named("Hour", PsType.INT32),
                Parameter.named("Minute", PsType.INT32), Parameter.named("Second", PsType.INT32),
                Parameter.named("Millisecond", PsType.INT32),
                Parameter.named("DisplayHint", PsType.STRING),
                Parameter.named("Format", PsType.STRING),
                Parameter.named("UFormat", PsType.STRING));
    }

    @Override
    public void invoke(Invocation call) {
        for (BoundParameters p : call.records()) {
            PsDateTime d = p.has("Date") ? p.dateTime("Date") : call.now();
            java.time.LocalDateTime w = d.wallClock();
            if (p.has("Year")) {
                w = w.withYear((Integer) p.get("Year"));
            }
            if (p.has("Month")) {
                w = w.withMonth((Integer) p.get("Month"));
            }
            if (p.has("Day")) {
                w = w.withDayOfMonth((Integer) p.get("Day"));
            }
            if (p.has("Hour")) {
                w = w.withHour((Integer) p.get("Hour"));
            }
            if (p.has("Minute")) {
                w = w.withMinute((Integer) p.get("Minute"));
            }
            if (p.has("Second")) {
                w = w.withSecond((Integer) p.get("Second"));
            }
            if (p.has("Millisecond")) {
                w = w.withNano((Integer) p.get("Millisecond") * 1_000_000);
            }
            PsDateTime result = new PsDateTime(w, d.kind(), d.zone(), true);
            if (p.has("Format")) {
                call.write(result.format(p.string("Format")));
            } else if (p.has("UFormat")) {
                call.write(uformat(result, p.string("UFormat")));
            } else {
                call.write(result);
            }
        }
    }

    private static String uformat(PsDateTime d, String f) {
        if (f.equals("%s")) {
            return Long.toString(d.instant().getEpochSecond());
        }
        return d.format(f.replace("%Y", "yyyy").replace("%m", "MM").replace("%d", "dd").replace("%H", "HH")
                .replace("%M", "mm").replace("%S", "ss"));
    }
}
