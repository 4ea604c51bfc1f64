package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.playbook.modules.AppPoolRecycleSpec;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.AuthCertificateSpec.Distribute;
import io.authcert.playbook.modules.AuthCertificateSpec.HybridPolicy;
import io.authcert.playbook.modules.AuthCertificateSpec.Rotation;
import io.authcert.playbook.modules.AuthCertificateSpec.UnreachablePolicy;
import io.authcert.playbook.modules.BackendBindingSpec;
import io.authcert.playbook.modules.ServiceRestartSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The playbooks users start from load and mean what their comments say. */
class ShippedPlaybooksTest {

    private final PlaybookLoader loader = new PlaybookLoader();

    @Test
    void standardPlaybookIsMicrosoftsMonitoringScriptAsDesiredState() {
        LoadedPlaybook loaded = loader.loadWithDetails(Path.of("playbooks/auth-certificate.yml"), Map.of());
        assertThat(loaded.warnings()).isEmpty();
        Playbook playbook = loaded.playbook();
        assertThat(playbook.plays()).hasSize(1);
        Play play = playbook.plays().get(0);
        assertThat(play.hosts()).isEqualTo("exchange");
        assertThat(play.serial()).isEqualTo(new Serial(List.of("1")));
        assertThat(play.maxFailPercentage()).isZero();

        assertThat(play.tasks()).singleElement().satisfies(task -> {
            assertThat(task.spec()).isEqualTo(AuthCertificateSpec.defaults());
            assertThat(task.notifies()).containsExactly("auth certificate changed");
        });
        assertThat(play.handlers()).extracting(Task::spec).containsExactly(
                new ServiceRestartSpec("MSExchangeServiceHost"),
                new AppPoolRecycleSpec("MSExchangeOWAAppPool"),
                new AppPoolRecycleSpec("MSExchangeECPAppPool"));
        assertThat(play.handlers()).allSatisfy(h -> assertThat(h.listen()).containsExactly("auth certificate changed"));
    }

    @Test
    void standardPlaybookTakesOverridesFromTheCommandLine() {
        Playbook playbook = loader.load(Path.of("playbooks/auth-certificate.yml"),
                ExtraVars.parse(List.of("renew_before_days=90 stage_days=45")));
        AuthCertificateSpec spec = (AuthCertificateSpec) playbook.plays().get(0).tasks().get(0).spec();
        assertThat(spec.renewBeforeDays()).isEqualTo(90);
        assertThat(spec.stageDays()).isEqualTo(45);
    }

    @Test
    void stagedImportExample() {
        Play play = loader.load(Path.of("playbooks/examples/staged-import.yml"), Map.of()).plays().get(0);
        AuthCertificateSpec spec = (AuthCertificateSpec) play.tasks().get(0).spec();
        assertThat(spec.rotation()).isEqualTo(Rotation.STAGED);
        assertThat(spec.distribute()).isEqualTo(Distribute.IMPORT);
        assertThat(spec.replicationTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(spec.unreachable()).isEqualTo(UnreachablePolicy.SKIP);
        assertThat(spec.keySize()).isEqualTo(4096);
        assertThat(spec.renewBeforeDays()).isEqualTo(90);
        assertThat(spec.stageDays()).isEqualTo(14);
        assertThat(spec.subject()).isEqualTo(AuthCertificateSpec.DEFAULT_SUBJECT);
        assertThat(play.serial().sizes()).containsExactly("50%");
        assertThat(play.handlers()).extracting(Task::name).containsExactly("restart service host", "Recycle OWA", "Recycle ECP");
        assertThat(play.handlersNotifiedBy(play.tasks().get(0))).isEqualTo(play.handlers());
    }

    @Test
    void backendBindingExampleWithAndWithoutPrimary() {
        Path file = Path.of("playbooks/examples/backend-binding.yml");
        Play play = loader.load(file, Map.of()).plays().get(0);
        AuthCertificateSpec auth = (AuthCertificateSpec) play.tasks().get(0).spec();
        assertThat(auth.hybrid()).isEqualTo(HybridPolicy.ACKNOWLEDGE);
        assertThat(auth.replicationTimeout()).isEqualTo(Duration.ofHours(3)); // from vars_files
        assertThat(auth.primary()).isNull(); // default(omit): the module's default applies
        assertThat(play.tasks().get(1).spec()).isEqualTo(new BackendBindingSpec("Exchange Back End", 444, null, null, 30));
        assertThat(play.serial().sizes()).containsExactly("1", "50%");
        assertThat(play.varsFiles()).containsExactly("vars/auth-certificate.yml");
        assertThat(play.vars()).containsEntry("backend_min_days_valid", 30);

        AuthCertificateSpec withPrimary = (AuthCertificateSpec) loader.load(file, Map.of("primary", "ex01.corp.example"))
                .plays().get(0).tasks().get(0).spec();
        assertThat(withPrimary.primary()).isEqualTo("ex01.corp.example");
    }

    @Test
    void handlersAreFoundByNameOrTopicInTheOrderTheyAreWritten() {
        Play play = loader.load(Path.of("playbooks/examples/backend-binding.yml"), Map.of()).plays().get(0);
        Task auth = play.tasks().get(0);
        Task binding = play.tasks().get(1);
        assertThat(play.handlersNotifiedBy(auth)).extracting(Task::name)
                .containsExactly("Restart the Microsoft Exchange Service Host", "Recycle OWA", "Recycle ECP");
        assertThat(play.handlersNotifiedBy(binding)).extracting(Task::name).containsExactly("Recycle OWA", "Recycle ECP");
    }

    @Test
    void everyShippedPlaybookLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("playbooks"))) {
            files = walk.filter(p -> p.toString().endsWith(".yml") && !p.getParent().endsWith("vars")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            LoadedPlaybook loaded = loader.loadWithDetails(file, Map.of());
            assertThat(loaded.warnings()).as(file.toString()).isEmpty();
            assertThat(loaded.playbook().plays()).as(file.toString()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.tasks()).isNotEmpty());
        }
    }
}
