package io.authcert.lab.pwsh;

import java.util.List;
import java.util.function.BiConsumer;

/** A test-only cmdlet: declared parameters and a body. The real Exchange cmdlets live in lab.exchange. */
record StubCmdlet(String name, String typeName, List<Parameter> parameters, BiConsumer<Invocation, BoundParameters> body)
        implements Cmdlet {

    static StubCmdlet of(String name, List<Parameter> parameters, BiConsumer<Invocation, BoundParameters> body) {
        return new StubCmdlet(name, "Microsoft.Exchange.Management.Stub." + name.replace("-", ""), parameters, body);
    }

    @Override
    public void invoke(Invocation invocation) {
        for (BoundParameters p : invocation.records()) {
            body.accept(invocation, p);
        }
    }
}
