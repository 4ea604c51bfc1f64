package io.authcert.lab;

import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Renders the Ansible YAML inventory of a running lab: every server with its WinRM connection
 * variables (so any engine command and ansible-inventory read it unchanged) and its OWA health URL.
 * It connects as an Exchange administrator does to servers at WinRM's defaults: the lab's account
 * ({@code CONTOSO\\administrator} unless told otherwise) over NTLM, message encryption left at auto
 * (every body encrypted over HTTP, TLS alone over HTTPS). The password is written in clear: the lab
 * has no vault, and its password is no secret.
 */
final class LabInventory {

    /** The engine reads these (io.authcert.facts.ServerClockSetting). */
    static final String CLOCK_VARIABLE = "exchange_clock";
    static final String CLOCK_SPEED_VARIABLE = "exchange_clock_speed";

    private LabInventory() {
    }

    static String render(Scenario scenario, List<Lab.Endpoint> endpoints, Organisation org, String user, String password,
            Path caFile) {
        // A scenario may leave servers out (inventory.leave_out): the organisation still has them.
        Set<String> leftOut = scenario.leftOutOfInventory(org.servers().stream().map(ExchangeServer::name).toList());
        List<Lab.Endpoint> listed = endpoints.stream().filter(e -> !leftOut.contains(e.host())).toList();
        StringBuilder y = new StringBuilder();
        y.append("# Inventory of the authcert lab: scenario '").append(scenario.name()).append("', ")
                .append(listed.size()).append(" simulated Exchange server(s) on 127.0.0.1.\n");
        if (!leftOut.isEmpty()) {
            y.append("# Left out on purpose (the organisation has them): ").append(String.join(", ", leftOut)).append(".\n");
        }
        y.append("# Written by the lab at start; the ports change from run to run unless --port-base is given.\n");
        y.append("# NTLM with the lab's account, as to servers at WinRM's defaults; message encryption is left at auto\n");
        y.append("# (every body encrypted over HTTP). The lab has no vault: its password is written in clear.\n");
        y.append("all:\n");
        clock(y, org.clock().speed());
        y.append("  children:\n");
        group(y, "exchange", listed, org, user, password, caFile, false);
        if (listed.stream().anyMatch(e -> org.server(e.host()).orElseThrow().isEdge())) {
            group(y, "edge", listed, org, user, password, caFile, true);
        }
        return y.toString();
    }

    /**
     * The lab's clock runs {@code speed} times as fast as the engine's (and may start elsewhere): these
     * variables tell the engine to take "now" from the servers instead (docs/exchange.md). A frozen lab
     * (speed 0) only moves when a test advances it in the same process, so it writes none.
     */
    private static void clock(StringBuilder y, double speed) {
        if (speed <= 0) {
            return;
        }
        y.append("  vars:\n");
        y.append("    # Simulated time: the engine follows the servers' clock (and waits in simulated time).\n");
        y.append("    ").append(CLOCK_VARIABLE).append(": ").append(quote("simulated")).append('\n');
        y.append("    ").append(CLOCK_SPEED_VARIABLE).append(": ").append(BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString())
                .append('\n');
    }

    private static void group(StringBuilder y, String name, List<Lab.Endpoint> endpoints, Organisation org, String user,
            String password, Path caFile, boolean edge) {
        y.append("    ").append(name).append(":\n      hosts:\n");
        for (Lab.Endpoint e : endpoints) {
            ExchangeServer s = org.server(e.host()).orElseThrow();
            if (s.isEdge() != edge) {
                continue;
            }
            String scheme = e.https() ? "https" : "http";
            y.append("        ").append(e.host()).append(":\n");
            line(y, "ansible_host", "127.0.0.1");
            y.append("          ansible_port: ").append(e.port()).append('\n');
            line(y, "ansible_connection", "winrm");
            line(y, "ansible_user", user);
            line(y, "ansible_password", password);
            line(y, "ansible_winrm_scheme", scheme);
            line(y, "ansible_winrm_transport", "ntlm");
            if (caFile != null) {
                line(y, "ansible_winrm_ca_trust_path", caFile.toAbsolutePath().toString());
            }
            if (!edge) {
                line(y, "owa_health_url", scheme + "://127.0.0.1:" + e.port() + "/owa/healthcheck.htm");
                // The lab's account has a mailbox: the engine signs in with it to see what users see.
                line(y, "owa_probe_user", user);
                line(y, "owa_probe_password", password);
            }
        }
    }

    private static void line(StringBuilder y, String key, String value) {
        y.append("          ").append(key).append(": ").append(quote(value)).append('\n');
    }

    /** A YAML single-quoted scalar: every character literal, quotes doubled. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
