package io.authcert.lab.wsman;

import java.util.Map;

/** The WinRM settings of every server of a lab: one default and per-server exceptions. */
public record WinRmPolicy(WinRmConfig defaults, Map<String, WinRmConfig> perServer) {

    public WinRmPolicy {
        perServer = Map.copyOf(perServer);
    }

    public static WinRmPolicy all(WinRmConfig config) {
        return new WinRmPolicy(config, Map.of());
    }

    public WinRmConfig forServer(String name) {
        return perServer.getOrDefault(name, defaults);
    }
}
