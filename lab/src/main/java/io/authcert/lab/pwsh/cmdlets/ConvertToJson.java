package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsType;
import java.util.List;

/** ConvertTo-Json with Windows PowerShell 5.1's conventions (see {@link Json51}); one pipeline object is unwrapped. */
final class ConvertToJson implements Cmdlet {

    @Override
    public String name() {
        return "ConvertTo-Json";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("InputObject", PsType.OBJECT).position(0).mandatory().pipeline(),
                Parameter.named("Depth", PsType.INT32),
                Parameter.named("Compress", PsType.SWITCH));
    }

    @Override
    public void invoke(Invocation call) {
        int depth = call.parameters().has("Depth") ? (Integer) call.parameters().get("Depth") : 2;
        if (depth < 1 || depth > 100) {
            throw new PsException(ErrorRecord.of("Cannot validate argument on parameter 'Depth'. The " + depth
                    + " argument is " + (depth < 1 ? "less than the minimum allowed range of 1" : "greater than the "
                    + "maximum allowed range of 100") + ". Supply an argument that is " + (depth < 1
                    ? "greater than or equal to 1" : "less than or equal to 100") + " and then try the command again.",
                    ErrorCategory.InvalidData, "ParameterArgumentValidationError", "ParameterBindingValidationException"));
        }
        Object value;
        if (call.expectingInput()) {
            List<Object> in = call.input();
            if (in.isEmpty()) {
                return;
            }
            value = in.size() == 1 ? in.get(0) : in;
        } else {
            value = call.parameters().get("InputObject");
        }
        call.write(Json51.serialize(value, depth, call.parameters().flag("Compress")));
    }
}
