package io.authcert.lab.pwsh;

import java.util.LinkedHashMap;
import java.util.Map;

/** .NET enums the interpreter exposes on error objects. */
final class ErrorEnums {

    private ErrorEnums() {
    }

    static final PsEnum.Type CATEGORY = category();

    private static PsEnum.Type category() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ErrorCategory c : ErrorCategory.values()) {
            m.put(c.name(), (long) c.ordinal());
        }
        return new PsEnum.Type("System.Management.Automation.ErrorCategory", false, m);
    }
}
