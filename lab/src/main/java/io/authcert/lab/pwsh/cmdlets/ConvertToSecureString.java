package io.authcert.lab.pwsh.cmdlets;

import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.Parameter;
import io.authcert.lab.pwsh.PsException;
import io.authcert.lab.pwsh.PsType;
import io.authcert.lab.pwsh.SecureString;
import java.util.List;

/** ConvertTo-SecureString -AsPlainText -Force (the form scripts use to pass a PFX password). */
final class ConvertToSecureString implements Cmdlet {

    @Override
    public String name() {
        return "ConvertTo-SecureString";
    }

    @Override
    public String typeName() {
        return "Microsoft.PowerShell.Commands.ConvertToSecureStringCommand";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.named("String", PsType.STRING).position(0).mandatory().pipeline(),
                Parameter.named("AsPlainText", PsType.SWITCH),
                Parameter.named("Force", PsType.SWITCH),
                Parameter.named("Key", PsType.BYTE_ARRAY));
    }

    @Override
    public void invoke(Invocation call) {
        for (var p : call.records()) {
            if (!p.flag("AsPlainText")) {
                throw new PsException(ErrorRecord.of("The lab cannot decrypt DPAPI-protected strings; use -AsPlainText "
                        + "-Force.", ErrorCategory.InvalidArgument, "ImportSecureString", "CryptographicException"));
            }
            if (!p.flag("Force")) {
                throw new PsException(ErrorRecord.of("The system cannot protect plain text input. To suppress this "
                        + "warning and convert the plain text to a SecureString, reissue the command specifying the Force "
                        + "parameter. For more information ,type: get-help ConvertTo-SecureString.",
                        ErrorCategory.InvalidArgument, "ImportSecureString", "ArgumentException"));
            }
            call.write(new SecureString(p.string("String")));
        }
    }
}
