package io.authcert.lab.pwsh;

import java.time.Clock;
import java.util.Map;

/** What a simulated server gives every script it runs: its cmdlets, its environment and its clock. */
public interface Session {

    CmdletRegistry registry();

    /** Environment variables ({@code $env:COMPUTERNAME}); names compare case-insensitively. */
    Map<String, String> environment();

    /** The simulated clock; its zone is the server's local time zone. */
    Clock clock();
}
