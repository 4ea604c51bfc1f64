package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Get-ExchangeServer without -Identity lists every server of the organisation, inventory or not, with
 * the Is*Server flags Microsoft's MonitorExchangeAuthCertificate filters on.
 */
class GetExchangeServerTest {

    private static final String SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";

    private final Organisation org = Scenario.load("outside-inventory").build(4, SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z")));

    private String run(String script) {
        CommandOutcome o = new ExchangeHost(org, org.server("ex01").orElseThrow(), ExchangeCmdlets.registryFor(org),
                new AuditLog()).runScript(SNAPIN + script);
        assertThat(o.exitCode()).as(new String(o.stderr(), StandardCharsets.UTF_8)).isZero();
        return new String(o.stdout(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void everyServerOfTheOrganisationWithItsRoleFlags() {
        assertThat(run("Get-ExchangeServer | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Name, $_.ServerRole,"
                + " $_.IsMailboxServer, $_.IsClientAccessServer, $_.IsEdgeServer, $_.AdminDisplayVersion }").lines())
                .containsExactly(
                        "EX01|Mailbox|True|True|False|Version 15.2 (Build 1544.4)",
                        "EX02|Mailbox|True|True|False|Version 15.2 (Build 1544.4)",
                        "EX03|Mailbox|True|True|False|Version 15.2 (Build 1544.4)",
                        "EX04|Edge|False|False|True|Version 15.2 (Build 1544.4)");
    }

    @Test
    void monitorExchangeAuthCertificatesFilterKeepsTheMailboxServers() {
        // Get-ExchangeAuthCertificateStatus.ps1 in CSS-Exchange, verbatim but for the output.
        assertThat(run("$allMailboxServers = Get-ExchangeServer | Where-Object {\n"
                + "    ((($_.IsMailboxServer) -or\n"
                + "        ($_.IsClientAccessServer)) -and\n"
                + "    ($_.AdminDisplayVersion -match \"^Version 15\"))\n"
                + "}\n"
                + "($allMailboxServers | ForEach-Object { $_.Fqdn }) -join ','")).isEqualTo(
                        "ex01.contoso.local,ex02.contoso.local,ex03.contoso.local");
    }
}
