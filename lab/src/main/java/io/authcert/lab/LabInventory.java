package io.authcert.lab;

import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Renders the Ansible YAML inventory of a running lab: every server with its WinRM connection
 * variables (so any engine command and ansible-inventory read it unchanged) and its OWA health URL.
 */
final class LabInventory {

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
        y.append("all:\n  children:\n");
        group(y, "exchange", listed, org, user, password, caFile, false);
        if (listed.stream().anyMatch(e -> org.server(e.host()).orElseThrow().isEdge())) {
            group(y, "edge", listed, org, user, password, caFile, true);
        }
        return y.toString();
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
            line(y, "ansible_winrm_transport", "basic");
            if (caFile != null) {
                line(y, "ansible_winrm_ca_trust_path", caFile.toAbsolutePath().toString());
            }
            if (!edge) {
                line(y, "owa_health_url", scheme + "://127.0.0.1:" + e.port() + "/owa/healthcheck.htm");
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
