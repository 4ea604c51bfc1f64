package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.LanguagePrimitives;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsType;
import java.util.ArrayList;
import java.util.List;

/** Write-Host: text straight to the host (stdout when redirected); colours are accepted and ignored. */
final class WriteHost implements Cmdlet {

    @Override
    public String name() {
        return "Write-Host";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("Object", PsType.OBJECT).position(0).pipeline().remaining(),
                Parameter.named("NoNewline", PsType.SWITCH),
                Parameter.named("Separator", PsType.OBJECT),
                Parameter.named("ForegroundColor", PsType.STRING),
                Parameter.named("BackgroundColor", PsType.STRING));
    }

    @Override
    public void invoke(Invocation call) {
        List<Object> items = call.expectingInput() ? call.input()
                : LanguagePrimitives.enumerate(call.parameters().get("Object"));
        String sep = call.parameters().has("Separator") ? call.parameters().string("Separator") : " ";
        List<String> parts = new ArrayList<>();
        items.forEach(i -> parts.add(LanguagePrimitives.toStringValue(i)));
        call.writeHost(String.join(sep, parts));
    }
}
