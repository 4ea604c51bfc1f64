package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet over real WinRM: 500 lab servers, 5 % of them failing in assorted ways, where the drift check
 * reports every failure rightly, each host with its own reason, and finishes; and 100 servers, 5 % out of
 * reach, where an apply under {@code unreachable: skip} converges on the rest and says what is left.
 */
class FleetIT {

    private static final int SERVERS = 500;
    private static final int APPLY_SERVERS = 100;

    @TempDir
    Path dir;

    /** Every twentieth server fails, in one of four ways; the value is a word its error line must carry. */
    private static Map<String, String> breakFleet(EmbeddedLab lab) {
        Map<String, String> broken = new LinkedHashMap<>();
        List<String> hosts = lab.hosts();
        for (int i = 19; i < hosts.size(); i += 20) {
            String host = hosts.get(i);
            switch ((i / 20) % 4) {
                case 0 -> {
                    lab.faults(host).unreachable(true);
                    broken.put(host, "unreachable");
                }
                case 1 -> {
                    lab.faults(host).rejectCredentials(true);
                    broken.put(host, "refused the user name or password");
                }
                case 2 -> {
                    lab.faults(host).fault500On("Get-AuthConfig");
                    broken.put(host, "500");
                }
                default -> {
                    lab.faults(host).failCmdlet("Get-ExchangeCertificate", "The RPC server is unavailable.");
                    broken.put(host, "The RPC server is unavailable");
                }
            }
        }
        return broken;
    }

    @Test
    void aDriftCheckOfFiveHundredServersReportsEveryFailureRightly() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", SERVERS)) {
            Map<String, String> broken = breakFleet(lab);
            assertThat(broken).hasSize(SERVERS / 20);

            LabApplier.Outcome facts = new LabApplier(lab, dir.resolve("state")).engine("facts", "-i",
                    lab.inventoryFile().toString(), "--forks", "50");

            assertThat(facts.exitCode()).isEqualTo(1);
            assertThat(facts.all()).contains(SERVERS + " host(s): " + (SERVERS - broken.size()) + " gathered, " + broken.size()
                    + " failed");
            List<String> errorLines = facts.out().lines().filter(l -> l.startsWith("error: ")).toList();
            for (Map.Entry<String, String> b : broken.entrySet()) {
                assertThat(errorLines).as("the error line of %s", b.getKey())
                        .anyMatch(l -> l.startsWith("error: " + b.getKey() + ": ") && l.contains(b.getValue()));
            }
            assertThat(errorLines.stream().filter(l -> broken.keySet().stream().noneMatch(h -> l.startsWith("error: " + h + ": "))))
                    .as("no healthy server reported failed").isEmpty();
        }
    }

    @Test
    void anApplyWithFivePercentUnreachableUnderSkipConvergesOnTheRestAndSaysWhatIsLeft() throws Exception {
        // 100 servers keep the apply within a CI budget; 5 % of them are out of reach.
        try (EmbeddedLab lab = LabApplier.start("expired", APPLY_SERVERS)) {
            List<String> unreachable = new ArrayList<>();
            for (int i = 19; i < APPLY_SERVERS; i += 20) {
                String host = lab.hosts().get(i);
                lab.faults(host).unreachable(true);
                unreachable.add(host);
            }
            Path playbook = dir.resolve("skip.yml");
            Files.writeString(playbook, Files.readString(io.authcert.testing.RepoFiles.path("playbooks/auth-certificate.yml"))
                    .replace("unreachable: stop", "unreachable: skip").replace("serial: 1", "serial: \"100%\"")
                    .replace("max_fail_percentage: 0", "max_fail_percentage: 10"));

            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply(playbook.toString(), "--forks", "50");

            assertThat(applied.exitCode()).as(applied.all()).isIn(1, 3);
            for (String host : lab.hosts()) {
                if (!unreachable.contains(host)) {
                    assertThat(lab.healthOf(host).signIn()).as("OWA sign-in on %s after", host).isEqualTo(302);
                }
            }
            assertThat(applied.all()).contains("Skipped").contains(unreachable.get(0), unreachable.get(unreachable.size() - 1));
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).as("one certificate in all").hasSize(1);
        }
    }
}
