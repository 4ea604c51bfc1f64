package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** Write-Output: writes its arguments (enumerated unless -NoEnumerate) or passes its input on. */
final class WriteOutput implements Cmdlet {

    @Override
    public String name() {
        return "Write-Output";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("InputObject", PsType.OBJECT).position(0).pipeline().remaining(),
                Parameter.named("NoEnumerate", PsType.SWITCH));
    }

    @Override
    public void invoke(Invocation call) {
        if (call.expectingInput()) {
            call.input().forEach(call::write);
            return;
        }
        Object v = call.parameters().get("InputObject");
        if (call.parameters().flag("NoEnumerate")) {
            call.write(v);
        } else {
            call.writeEnumerated(v);
        }
    }
}
