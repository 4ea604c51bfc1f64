package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Out-Null: discards its input. */
final class OutNull implements Cmdlet {

    @Override
    public String name() {
        return "Out-Null";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("InputObject", PsType.OBJECT).pipeline());
    }

    @Override
    public void invoke(Invocation call) {
        // nothing to write: that is the point
    }
}
