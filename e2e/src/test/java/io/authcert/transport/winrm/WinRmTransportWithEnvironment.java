package io.authcert.transport.winrm;

import java.util.Map;

/**
 * The engine's WinRM transport as the CLI wires it ({@code new WinRmTransport()}: default retries, real
 * waits), but reading Kerberos' variables (KRB5CCNAME, KRB5_CLIENT_KTNAME, KRB5_CONFIG) from a map instead
 * of the process environment, which a running JVM cannot change: so an engine command run in the tests'
 * JVM (on the lab's frozen clock) can use a ticket cache of the test's own.
 */
public final class WinRmTransportWithEnvironment {

    private WinRmTransportWithEnvironment() {
    }

    public static WinRmTransport of(Map<String, String> env) {
        return new WinRmTransport(RetryPolicy.DEFAULT, Thread::sleep, env);
    }
}
