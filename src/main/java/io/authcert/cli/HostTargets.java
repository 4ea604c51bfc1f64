package io.authcert.cli;

import io.authcert.inventory.InventoryHost;
import io.authcert.transport.Target;
import io.authcert.transport.local.LocalTransport;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds the {@link Target} of a host from its variables. Provisional: it knows
 * {@code ansible_connection: local} (with {@code authcert_powershell_executable}); WinRM targets come
 * from the WinRM client's {@code TargetResolver}, wired here once it is part of the build.
 */
final class HostTargets implements Function<InventoryHost, Target> {

    /** The host variable naming the PowerShell executable for local connections. */
    static final String POWERSHELL_EXECUTABLE_VAR = "authcert_powershell_executable";

    @Override
    public Target apply(InventoryHost host) {
        Object connection = host.vars().getOrDefault("ansible_connection", "winrm");
        String kind = String.valueOf(connection).trim().toLowerCase(Locale.ROOT);
        if (kind.equals("local")) {
            Object exe = host.vars().get(POWERSHELL_EXECUTABLE_VAR);
            return new Target(host.name(), Target.Connection.LOCAL, "localhost", 0, Target.Scheme.HTTP, "", null, null,
                    null, false, null, Duration.ofMinutes(3), Duration.ofMinutes(3),
                    exe == null ? LocalTransport.DEFAULT_EXECUTABLE : exe.toString());
        }
        if (kind.equals("winrm")) {
            throw new IllegalArgumentException("ansible_connection 'winrm': the WinRM client is not part of this build yet");
        }
        throw new IllegalArgumentException("ansible_connection '" + connection + "' is not supported: use winrm or local");
    }
}
