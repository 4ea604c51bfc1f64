package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import java.util.List;

/** The core cmdlets every simulated server has (Select-Object, Where-Object, ConvertTo-Json...). */
public final class GenericCmdlets {

    private GenericCmdlets() {
    }

    public static List<Cmdlet> all() {
        return List.of(new SelectObject(), new WhereObject(), new ForEachObject(), new GetDate(), new WriteOutput(),
                new WriteHost(), new WriteWarning(), new OutNull(), new ConvertToJson(), new ConvertFromJson(),
                new ConvertToSecureString(), new StartSleep());
    }
}
