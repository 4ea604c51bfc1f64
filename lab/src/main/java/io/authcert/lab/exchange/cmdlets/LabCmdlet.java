package io.authcert.lab.exchange.cmdlets;

import io.authcert.lab.exchange.ExchangeException;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.ExchangeShell;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.pwsh.Cmdlet;
import io.authcert.lab.pwsh.ErrorCategory;
import io.authcert.lab.pwsh.ErrorRecord;
import io.authcert.lab.pwsh.Invocation;
import io.authcert.lab.pwsh.PsException;
import java.util.Locale;

/**
 * The base of the lab's server-side cmdlets: finds the simulated server the script runs on (from
 * {@code $env:COMPUTERNAME}), applies the "cmdlet fails with this error" fault, and turns an
 * {@link ExchangeException} into the PowerShell error the real cmdlet writes. One instance serves
 * every server of an organisation.
 */
abstract class LabCmdlet implements Cmdlet {

    protected final Organisation org;

    LabCmdlet(Organisation org) {
        this.org = org;
    }

    @Override
    public final void invoke(Invocation invocation) {
        ExchangeServer local = localServer(invocation);
        if (typeName().startsWith("Microsoft.Exchange")) {
            DirectoryAccess.check(invocation, name(), org, local.isEdge());
        }
        local.faults().failureOf(name()).ifPresent(message -> {
            throw new PsException(ErrorRecord.of(message, ErrorCategory.NotSpecified,
                    "LabInjectedFault", "InvalidOperationException"));
        });
        try {
            run(invocation, new ExchangeShell(org, local));
        } catch (ExchangeException e) {
            throw new PsException(record(e));
        }
    }

    /** Does the cmdlet's work on the server the script runs on. */
    protected abstract void run(Invocation invocation, ExchangeShell shell);

    protected ExchangeServer localServer(Invocation invocation) {
        String name = invocation.session().environment().get("COMPUTERNAME");
        return org.server(name == null ? "" : name).orElseThrow(() ->
                new IllegalStateException("no simulated server named " + name));
    }

    /** Reports a failure as a non-terminating error (the script may go on, as with the real cmdlet). */
    protected void writeError(Invocation invocation, ExchangeException e) {
        invocation.writeError(record(e));
    }

    static ErrorRecord record(ExchangeException e) {
        ErrorCategory category;
        try {
            category = ErrorCategory.valueOf(e.category());
        } catch (IllegalArgumentException unknown) {
            category = ErrorCategory.NotSpecified;
        }
        String exceptionType = switch (category) {
            case ObjectNotFound -> "ManagementObjectNotFoundException";
            case InvalidArgument -> "ArgumentException";
            case InvalidData -> "ParameterBindingValidationException";
            case InvalidOperation -> e.getMessage().equals(ExchangeException.NON_INTERACTIVE)
                    ? "PSInvalidOperationException" : "InvalidOperationException";
            case WriteError -> "InvalidOperationException";
            default -> "LocalizedException";
        };
        String id = e.errorId();
        int comma = id.lastIndexOf(',');
        String shortId = comma > 0 ? id.substring(0, comma) : id;
        return ErrorRecord.of(e.getMessage(), category, shortId, exceptionType);
    }

    static String exchangeType(String cmdletName) {
        return "Microsoft.Exchange.Management.SystemConfigurationTasks." + cmdletName.replace("-", "");
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
