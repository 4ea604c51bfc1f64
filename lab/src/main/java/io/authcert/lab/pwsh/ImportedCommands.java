package io.authcert.lab.pwsh;

import io.authcert.lab.Caller;

/**
 * Commands a script imported from a remote session ({@code Import-PSSession}): the cmdlets of one snap-in
 * that the session's role set allows, run as the session's user. A cmdlet it does not provide is not a
 * command in the script at all ("The term ... is not recognized"), as with implicit remoting.
 */
public interface ImportedCommands {

    /** The snap-in whose cmdlets the session offers. */
    String snapIn();

    /** Whether the session's role set lets its user run {@code cmdlet}. */
    boolean provides(String cmdlet);

    /** Who the imported cmdlets run as. */
    Caller caller();

    /** The session object ({@code PSSession}) the commands came from, so Remove-PSSession can drop them. */
    Object session();
}
