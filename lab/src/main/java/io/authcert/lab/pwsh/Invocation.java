package io.authcert.lab.pwsh;

import java.time.Clock;
import java.util.List;

/** Everything one cmdlet call sees: its parameters, its pipeline input, its output and the session. */
public interface Invocation {

    /** The command name as invoked. */
    String commandName();

    /** Parameters bound from the command line. */
    BoundParameters parameters();

    /** The objects that came down the pipeline (empty when the command is first in its pipeline). */
    List<Object> input();

    /** True when the command is not first in a pipeline (it may still receive zero objects). */
    boolean expectingInput();

    /**
     * The parameters per record, as ProcessRecord sees them: one entry per pipeline object with the
     * pipeline parameter bound to it (by value or by property name), or a single entry with the
     * command-line parameters when there was no pipeline input.
     */
    List<BoundParameters> records();

    /** Writes one object to the output (a list is written as one object, like WriteObject(o)). */
    void write(Object value);

    /** Writes each element of a list, or the value itself (WriteObject(o, true)). */
    void writeEnumerated(Object value);

    /** A non-terminating error: printed and the script goes on, unless -ErrorAction / the preference says Stop. */
    void writeError(ErrorRecord error);

    /** A warning ("WARNING: text" on the warning stream; not on stdout). */
    void writeWarning(String text);

    /** Text written with Write-Host (goes to stdout). */
    void writeHost(String text);

    /** The session: environment, clock and registered cmdlets. */
    Session session();

    /** Shortcut for the simulated clock. */
    default Clock clock() {
        return session().clock();
    }

    /** Now, as a local DateTime of the server (what {@code Get-Date} returns, without its DisplayHint). */
    default PsDateTime now() {
        return PsDateTime.local(session().clock().instant(), session().clock().getZone());
    }

    /** Who the script runs as (the logon of its WinRM connection). */
    default io.authcert.lab.Caller caller() {
        return io.authcert.lab.Caller.console("CONTOSO\\administrator");
    }

    /** Whether the script loaded {@code snapIn} itself (Add-PSSnapin). */
    default boolean snapInLoaded(String snapIn) {
        return false;
    }

    /** The imported session that provides {@code cmdlet} to this script, if the cmdlet came from one. */
    default java.util.Optional<ImportedCommands> importedFrom(String snapIn, String cmdlet) {
        return java.util.Optional.empty();
    }

    /** Makes a remote session's commands visible to the rest of the script (Import-PSSession). */
    default void importCommands(ImportedCommands commands) {
        throw new UnsupportedOperationException("this invocation cannot import commands");
    }

    /** Drops the commands imported from {@code session} (Remove-PSSession). */
    default void removeImports(Object session) {
    }

    /** Runs a script block with {@code $_} set (Where-Object and friends). */
    List<Object> invoke(ScriptBlock block, Object dollarUnder, List<Object> arguments);
}
