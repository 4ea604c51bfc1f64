package io.authcert.lab.pwsh;

import java.util.List;

/**
 * A cmdlet the interpreter can run. Implementations are stateless and shared (one instance per
 * registry); everything about one call arrives in the {@link Invocation}.
 *
 * <p>The interpreter binds the command line to the declared {@link #parameters()} (names, unambiguous
 * prefixes, aliases, positions, switches, {@code -Name:value}, type conversion, parameter sets,
 * mandatory checks) before {@link #invoke} runs, and reports binding errors as PowerShell does. To
 * fail: throw {@link PsException} for a terminating error, or call {@link Invocation#writeError} for a
 * non-terminating one (both honour {@code -ErrorAction} and {@code $ErrorActionPreference}).
 */
public interface Cmdlet {

    /** The verb-noun name, e.g. "Get-AuthConfig". */
    String name();

    /**
     * The .NET class of the cmdlet, appended to error ids in FullyQualifiedErrorId, e.g.
     * "Microsoft.Exchange.Management.SystemConfigurationTasks.GetAuthConfig".
     */
    default String typeName() {
        return "Microsoft.PowerShell.Commands." + name().replace("-", "") + "Command";
    }

    /** The declared parameters (common parameters such as -ErrorAction are added by the interpreter). */
    List<Parameter> parameters();

    /** The parameter set used when the bound parameters fit several; null when sets are not used. */
    default String defaultParameterSet() {
        return null;
    }

    /** Runs the call: read {@link Invocation#parameters()} or iterate {@link Invocation#records()}. */
    void invoke(Invocation invocation);
}
