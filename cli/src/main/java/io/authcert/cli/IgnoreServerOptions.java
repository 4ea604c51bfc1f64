package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --ignore-server NAME} of {@code plan} and {@code apply}, shared as a picocli mixin: servers of
 * the organisation outside the plan that are decommissioned or unreachable on purpose. Without it such
 * a server holds back clearing the previous certificate, staging a new one and the verdict "healthy".
 * A per-run option, like MonitorExchangeAuthCertificate's {@code -IgnoreUnreachableServers}: the plan
 * shows every ignored server, so a reviewer sees the exception.
 */
final class IgnoreServerOptions {

    @Option(names = "--ignore-server", paramLabel = "NAME", split = ",",
            description = "A server of the organisation, outside the plan's hosts, that is decommissioned or unreachable on"
                    + " purpose: plan and apply as if it were not there (its name or FQDN as Get-ExchangeServer shows it;"
                    + " repeatable). The plan lists it as ignored.")
    List<String> servers = new ArrayList<>();

    /** The names given, each checked to be a plain server name. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (String s : servers) {
            String name = s.strip();
            if (name.isEmpty() || !name.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
                throw InputException.of(SourceLocation.ofFile("--ignore-server"), "not a server name: '" + s + "'",
                        "give the server's name or FQDN as Get-ExchangeServer shows it, e.g. --ignore-server EX03");
            }
            out.add(name);
        }
        return out;
    }

    boolean given() {
        return !servers.isEmpty();
    }
}
