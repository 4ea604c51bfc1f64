package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a valid playbook means: variables, defaults, conditions, handlers, warnings. */
class PlaybookLoaderTest {

    @TempDir
    Path dir;

    private final PlaybookLoader loader = new PlaybookLoader();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static AuthCertificateSpec auth(Playbook playbook) {
        return (AuthCertificateSpec) playbook.plays().get(0).tasks().get(0).spec();
    }

    private InputException refused(Path file, Map<String, Object> extraVars) {
        InputException e = catchThrowableOfType(InputException.class, () -> loader.load(file, extraVars));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void aWholeValueTemplateKeepsTheVariablesType() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  vars:
                    days: 90
                    names: [mail.contoso.com, autodiscover.contoso.com]
                    clear: false
                    timeout: 45m
                  tasks:
                    - exchange_auth_certificate:
                        renew_before_days: "{{ days }}"
                        domain_names: "{{ names }}"
                        clear_previous: "{{clear}}"
                        replication_timeout: "{{ timeout }}"
                        friendly_name: "Auth {{ days }} {{ clear }}"
                """);
        Playbook playbook = loader.load(file, Map.of());
        AuthCertificateSpec spec = auth(playbook);
        assertThat(spec.renewBeforeDays()).isEqualTo(90);
        assertThat(spec.domainNames()).containsExactly("mail.contoso.com", "autodiscover.contoso.com");
        assertThat(spec.clearPrevious()).isFalse();
        assertThat(spec.replicationTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(spec.friendlyName()).isEqualTo("Auth 90 False"); // inside text, as Jinja writes it
        assertThat(playbook.plays().get(0).vars()).containsEntry("days", 90).containsEntry("clear", false)
                .containsEntry("names", List.of("mail.contoso.com", "autodiscover.contoso.com"));
    }

    @Test
    void defaultsApplyOnlyToUndefinedVariablesAndKeepTheirType() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  vars:
                    defined: 45
                  tasks:
                    - exchange_auth_certificate:
                        renew_before_days: "{{ defined | default(100) }}"
                        stage_days: "{{ missing | default(10) }}"
                        clear_previous: "{{ missing | default(false) }}"
                        rotation: "{{ missing | d('staged') }}"
                        subject: "{{ missing | default(\\"CN=Auth\\") }}"
                        primary: "{{ missing | default(omit) }}"
                """);
        AuthCertificateSpec spec = auth(loader.load(file, Map.of()));
        assertThat(spec.renewBeforeDays()).isEqualTo(45);
        assertThat(spec.stageDays()).isEqualTo(10);
        assertThat(spec.clearPrevious()).isFalse();
        assertThat(spec.rotation()).isEqualTo(AuthCertificateSpec.Rotation.STAGED);
        assertThat(spec.subject()).isEqualTo("CN=Auth");
        assertThat(spec.primary()).isNull();
    }

    @Test
    void extraVarsWinOverVarsFilesWhichWinOverPlayVars() throws IOException {
        write("vars/a.yml", "days: 70\nstage: 20\n");
        write("vars/b.yml", "stage: 25\n");
        Path file = write("p.yml", """
                - hosts: "{{ target }}"
                  vars:
                    days: 60
                    stage: 10
                    target: exchange
                    files: vars
                  vars_files:
                    - "{{ files }}/a.yml"
                    - vars/b.yml
                  tasks:
                    - exchange_auth_certificate:
                        renew_before_days: "{{ days }}"
                        stage_days: "{{ stage }}"
                """);
        assertThat(auth(loader.load(file, Map.of())).renewBeforeDays()).isEqualTo(70);
        assertThat(auth(loader.load(file, Map.of())).stageDays()).isEqualTo(25);
        Playbook overridden = loader.load(file, ExtraVars.parse(List.of("days=80", "target=mailbox")));
        assertThat(auth(overridden).renewBeforeDays()).isEqualTo(80); // "80" from -e becomes a number
        assertThat(overridden.plays().get(0).hosts()).isEqualTo("mailbox");
        assertThat(overridden.plays().get(0).varsFiles()).containsExactly("vars/a.yml", "vars/b.yml");
    }

    @Test
    void variablesMayReferToOtherVariables() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  vars:
                    org: Contoso
                    name: "{{ org }} Auth Certificate"
                    subject: "CN={{ name }}"
                  tasks:
                    - exchange_auth_certificate:
                        subject: "{{ subject }}"
                        friendly_name: "{{ name }}"
                """);
        AuthCertificateSpec spec = auth(loader.load(file, Map.of()));
        assertThat(spec.subject()).isEqualTo("CN=Contoso Auth Certificate");
        assertThat(spec.friendlyName()).isEqualTo("Contoso Auth Certificate");
    }

    @Test
    void whenConditionsAreEvaluatedBeforeAnythingRuns() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  vars:
                    bind_backend: false
                  tasks:
                    - exchange_auth_certificate:
                      when: true
                      tags: "auth, certificate"
                    - name: back end binding
                      exchange_backend_binding:
                      when: bind_backend
                    - name: only when not binding
                      exchange_backend_binding:
                        port: 443
                      when: not bind_backend
                """);
        List<Task> tasks = loader.load(file, Map.of()).plays().get(0).tasks();
        assertThat(tasks).extracting(Task::module).containsExactly("exchange_auth_certificate", "exchange_backend_binding");
        assertThat(tasks.get(0).tags()).containsExactly("auth", "certificate");
        assertThat(tasks.get(1).when()).isEqualTo("not bind_backend");
        assertThat(((BackendBindingSpec) tasks.get(1).spec()).port()).isEqualTo(443);

        List<Task> withBinding = loader.load(file, ExtraVars.parse(List.of("bind_backend=yes"))).plays().get(0).tasks();
        assertThat(withBinding).extracting(Task::name).containsExactly("exchange_auth_certificate", "back end binding");
    }

    @Test
    void hostsAsAListIsOnePattern() throws IOException {
        Path file = write("p.yml", """
                - hosts: [exchange, "!edge"]
                  tasks:
                    - exchange_auth_certificate:
                """);
        assertThat(loader.load(file, Map.of()).plays().get(0).hosts()).isEqualTo("exchange:!edge");
    }

    @Test
    void mergeKeysShareArguments() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  vars:
                    common: &common
                      port: 444
                      min_days_valid: 60
                  tasks:
                    - exchange_backend_binding:
                        <<: *common
                        min_days_valid: 90
                """);
        BackendBindingSpec spec = (BackendBindingSpec) loader.load(file, Map.of()).plays().get(0).tasks().get(0).spec();
        assertThat(spec.port()).isEqualTo(444);
        assertThat(spec.minDaysValid()).isEqualTo(90);
    }

    @Test
    void gatherFactsAndEmptyPlaysAreWarningsNotErrors() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  gather_facts: false
                  tasks:
                    - exchange_auth_certificate:
                - hosts: edge
                """);
        LoadedPlaybook loaded = loader.loadWithDetails(file, Map.of());
        assertThat(loaded.warnings()).extracting(d -> d.location().line() + ":" + d.location().column() + " " + d.message())
                .containsExactly("2:3 'gather_facts' is ignored", "5:3 play has no tasks");
        assertThat(loaded.hostsLocation(0)).hasToString(file + ":1:10");
        assertThat(loaded.hostsLocation(1)).hasToString(file + ":5:10");
    }

    @Test
    void argumentLocationsPointAtTheValuesWritten() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  tasks:
                    - exchange_auth_certificate:
                        primary: ex01
                """);
        LoadedPlaybook loaded = loader.loadWithDetails(file, Map.of());
        Task task = loaded.playbook().plays().get(0).tasks().get(0);
        assertThat(loaded.argumentLocation(task, "primary")).hasToString(file + ":4:18");
        assertThat(loaded.argumentLocation(task, "rotation")).isEqualTo(task.location()).hasToString(file + ":3:7");
    }

    @Test
    void aBillionLaughsVarsFileIsRefused() throws IOException {
        write("bomb.yml", Files.readString(Path.of("core/src/test/resources/yaml/billion-laughs.yml")));
        Path file = write("p.yml", """
                - hosts: exchange
                  vars_files: [bomb.yml]
                  tasks:
                    - exchange_auth_certificate:
                """);
        InputException e = refused(file, Map.of());
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.location().file()).endsWith("bomb.yml");
            assertThat(d.message()).isEqualTo("too many aliases");
        });
    }

    @Test
    void aBillionLaughsPlaybookIsRefused() throws IOException {
        Path file = write("p.yml", Files.readString(Path.of("core/src/test/resources/yaml/alias-doubling.yml")));
        InputException e = refused(file, Map.of());
        assertThat(e.diagnostics().get(0).message()).contains("expands to more than");
    }

    @Test
    void vaultedVarsAreRefusedWithAPointerToTheInventory() throws IOException {
        write("secret.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162636465\n");
        Path file = write("p.yml", """
                - hosts: exchange
                  vars_files: [secret.yml]
                  vars:
                    password: !vault |
                      $ANSIBLE_VAULT;1.1;AES256
                      6162636465
                  tasks:
                    - exchange_auth_certificate:
                """);
        List<Diagnostic> errors = refused(file, Map.of()).diagnostics();
        assertThat(errors).extracting(Diagnostic::message).containsExactly(
                "vars file secret.yml is vault-encrypted; playbooks cannot read vaulted files",
                "vault-encrypted values are not supported in playbooks");
        assertThat(errors).allSatisfy(d -> assertThat(d.hint()).contains("inventory"));
    }

    @Test
    void problemsInVarsFilesPointIntoThoseFiles() throws IOException {
        Path vars = write("vars.yml", "days: \"{{ other | upper }}\"\n");
        Path file = write("p.yml", """
                - hosts: exchange
                  vars_files: [vars.yml]
                  tasks:
                    - exchange_auth_certificate:
                        renew_before_days: "{{ days }}"
                """);
        assertThat(refused(file, Map.of()).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.location()).hasToString(vars + ":1:8"));
    }

    @Test
    void aTemplateInsideABlockScalarIsReportedAtTheScalar() throws IOException {
        Path file = write("p.yml", """
                - hosts: exchange
                  tasks:
                    - exchange_auth_certificate:
                        friendly_name: >
                          Auth certificate
                          {{ name | lower }}
                """);
        assertThat(refused(file, Map.of()).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.location()).hasToString(file + ":4:24"));
    }
}
