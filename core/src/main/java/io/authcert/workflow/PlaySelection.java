package io.authcert.workflow;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryHost;
import io.authcert.plan.OutsideServer;
import io.authcert.plan.Plan;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.Play;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses what {@code plan} and {@code apply} work on: the one play with Auth-certificate or back end
 * binding tasks, and its hosts (from the play's pattern and {@code --limit}, or the hosts a saved plan names).
 */
public final class PlaySelection {

    /** Who asks, for the words of the messages. */
    public enum Purpose {
        PLAN("nothing to plan", "a plan covers one play",
                "put the tasks in one play (use --limit or host patterns to choose servers), or keep the plays in separate playbooks"),
        APPLY("nothing to apply", "an apply covers one play",
                "put the tasks in one play, or use separate playbooks");

        private final String none;
        private final String oneOnly;
        private final String severalHint;

        Purpose(String none, String oneOnly, String severalHint) {
            this.none = none;
            this.oneOnly = oneOnly;
            this.severalHint = severalHint;
        }
    }

    private PlaySelection() {
    }

    /** The indexes, in playbook order, of the plays with an exchange_auth_certificate or exchange_backend_binding task. */
    public static List<Integer> authPlays(LoadedPlaybook loaded) {
        List<Play> plays = loaded.playbook().plays();
        List<Integer> relevant = new ArrayList<>();
        for (int i = 0; i < plays.size(); i++) {
            if (plays.get(i).tasks().stream().anyMatch(t -> t.spec() instanceof AuthCertificateSpec
                    || t.spec() instanceof BackendBindingSpec)) {
                relevant.add(i);
            }
        }
        return relevant;
    }

    /** The index of the one Auth-certificate play; none or several is an input problem. */
    public static int playIndex(LoadedPlaybook loaded, Path playbook, Purpose purpose) {
        List<Integer> relevant = authPlays(loaded);
        if (relevant.isEmpty()) {
            throw InputException.of(SourceLocation.ofFile(playbook.toString()),
                    "no play has an exchange_auth_certificate or exchange_backend_binding task: " + purpose.none,
                    "start from playbooks/auth-certificate.yml");
        }
        if (relevant.size() > 1) {
            throw new InputException(Diagnostic.error(loaded.hostsLocation(relevant.get(1)),
                    purpose.oneOnly + ", and this playbook has " + relevant.size() + " plays with Auth-certificate tasks",
                    purpose.severalHint));
        }
        return relevant.get(0);
    }

    /** The play and the hosts its pattern selects, narrowed by {@code limit} (may be null). */
    public static SelectedPlay select(Inventory inventory, LoadedPlaybook loaded, Path playbook, String limit, Purpose purpose) {
        int index = playIndex(loaded, playbook, purpose);
        Play play = loaded.playbook().plays().get(index);
        return new SelectedPlay(playbook.toString(), play, inventory.select(play.hosts(), limit, loaded.hostsLocation(index)));
    }

    /**
     * The play of a saved plan and exactly the hosts it names (planned and skipped), in inventory order,
     * ignoring the servers it ignored; a host the inventory lacks is an input problem located at {@code planFile}.
     */
    public static SelectedPlay ofSavedPlan(Inventory inventory, LoadedPlaybook loaded, Plan saved, Path planFile) {
        Path playbook = Path.of(saved.playbook());
        Play play = loaded.playbook().plays().get(playIndex(loaded, playbook, Purpose.APPLY));
        List<String> names = new ArrayList<>(saved.hosts());
        names.addAll(saved.skippedHosts());
        List<String> missing = names.stream().filter(n -> inventory.host(n).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw InputException.of(SourceLocation.ofFile(planFile.toString()), "the plan names hosts the inventory does not have: "
                    + String.join(", ", missing), "apply the plan with the inventory it was made from");
        }
        List<InventoryHost> hosts = new ArrayList<>();
        for (String name : inventory.hostNames()) {
            if (names.contains(name)) {
                hosts.add(inventory.host(name).orElseThrow());
            }
        }
        List<String> ignored = saved.outsideServers().stream().filter(OutsideServer::ignored).map(OutsideServer::name).toList();
        return new SelectedPlay(saved.playbook(), play, hosts, ignored);
    }
}
