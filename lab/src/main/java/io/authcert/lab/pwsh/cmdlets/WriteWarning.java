package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Write-Warning: a record on the warning stream (stderr CLIXML, S="warning"). */
final class WriteWarning implements Cmdlet {

    @Override
    public String name() {
        return "Write-Warning";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Message", PsType.STRING).position(0).mandatory().pipeline().aliases("Msg"));
    }

    @Override
    public void invoke(Invocation call) {
        call.records().forEach(r -> call.writeWarning(r.string("Message")));
    }
}
