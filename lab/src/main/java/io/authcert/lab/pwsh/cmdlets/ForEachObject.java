package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsHashtable;
import io.authcert.lab.pwsh.PsObject;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.ScriptBlock;
import java.util.ArrayList;
import java.util.List;

/** ForEach-Object: runs -Process (a script block, in the caller's scope) per input, or reads a member by name. */
final class ForEachObject implements Cmdlet {

    @Override
    public String name() {
        return "ForEach-Object";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Process", PsType.OBJECT).position(0).remaining(),
                Parameter.named("Begin", PsType.SCRIPTBLOCK),
                Parameter.named("End", PsType.SCRIPTBLOCK),
                Parameter.named("InputObject", PsType.OBJECT).pipeline());
    }

    @Override
    public void invoke(Invocation call) {
        Object process = call.parameters().get("Process");
        if (process instanceof List<?> l && l.size() == 1) {
            process = l.get(0);
        }
        if (call.parameters().get("Begin") instanceof ScriptBlock begin) {
            call.invoke(begin, null, List.of()).forEach(call::writeEnumerated);
        }
        List<Object> items = new ArrayList<>();
        if (call.expectingInput()) {
            items.addAll(call.input());
        } else {
            items.add(call.parameters().get("InputObject"));
        }
        for (Object item : items) {
            if (process instanceof ScriptBlock sb) {
                call.invoke(sb, item, List.of()).forEach(call::write);
            } else if (process != null) {
                String member = LanguagePrimitives.toStringValue(process);
                Object value = item instanceof PsObject o ? o.get(member)
                        : item instanceof PsHashtable h ? h.get(member) : null;
                if (value == null && !(item instanceof PsObject o2 && o2.has(member))) {
                    throw new PsException(ErrorRecord.about(member, "ForEach-Object : Input name \"" + member
                            + "\" cannot be resolved to a member.", ErrorCategory.InvalidArgument,
                            "PropertyOrMethodNotFound", "PSArgumentException"));
                }
                call.writeEnumerated(value);
            }
        }
        if (call.parameters().get("End") instanceof ScriptBlock end) {
            call.invoke(end, null, List.of()).forEach(call::writeEnumerated);
        }
    }
}
