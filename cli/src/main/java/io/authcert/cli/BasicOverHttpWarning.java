package io.authcert.cli;

import io.authcert.transport.Target;
import io.authcert.transport.winrm.TargetResolver;
import java.util.Collection;
import java.util.List;

/**
 * Warns, on every run that connects, about the hosts that opted in to Basic over plain HTTP
 * ({@code authcert_allow_basic_over_http: true}): their password and every script travel readable,
 * so the choice must stay visible rather than be made once and forgotten.
 */
final class BasicOverHttpWarning {

    private final Terminal terminal;

    BasicOverHttpWarning(Terminal terminal) {
        this.terminal = terminal;
    }

    /** One warning naming every such host among {@code targets}; nothing when there is none. */
    void print(Collection<Target> targets) {
        List<String> hosts = targets.stream().filter(Target::basicOverPlainHttp).map(Target::name).toList();
        if (hosts.isEmpty()) {
            return;
        }
        terminal.err().println(terminal.yellow("warning: ") + "Basic over plain HTTP to " + String.join(", ", hosts)
                + " (" + TargetResolver.ALLOW_BASIC_OVER_HTTP + ": true): the password and every script travel"
                + " readable on the network");
        terminal.err().println("  hint: use ansible_winrm_transport: ntlm with a domain account (every message"
                + " encrypted at WinRM's defaults), or HTTPS");
        terminal.err().flush();
    }
}
