package io.authcert.playbook.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry's declarations: defaults equal the specs' defaults, values are read and checked, docs match. */
class ModuleRegistryTest {

    private static final SourceLocation AT = new SourceLocation("t.yml", 1, 1);
    private final ModuleRegistry registry = ModuleRegistry.standard();

    private Optional<ModuleSpec> validate(String module, Diagnostics diagnostics, Object... nameValue) {
        List<ArgumentInput> inputs = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            inputs.add(new ArgumentInput((String) nameValue[i], nameValue[i + 1], AT, AT));
        }
        return registry.find(module).orElseThrow().validate(inputs, AT, diagnostics);
    }

    private ModuleSpec valid(String module, Object... nameValue) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<ModuleSpec> spec = validate(module, diagnostics, nameValue);
        assertThat(diagnostics.all()).isEmpty();
        return spec.orElseThrow();
    }

    private List<Diagnostic> problems(String module, Object... nameValue) {
        Diagnostics diagnostics = new Diagnostics();
        assertThat(validate(module, diagnostics, nameValue)).isEmpty();
        return diagnostics.errors();
    }

    @Test
    void withoutArgumentsEveryModuleHasTheStandardDesiredState() {
        assertThat(valid(AuthCertificateSpec.MODULE)).isEqualTo(AuthCertificateSpec.defaults());
        assertThat(valid(BackendBindingSpec.MODULE)).isEqualTo(BackendBindingSpec.defaults());
        assertThat(problems(ServiceRestartSpec.MODULE)).extracting(Diagnostic::message)
                .containsExactly("module 'service_restart' needs the argument 'name'");
    }

    @Test
    void everyDefaultAndEveryAllowedValueIsAccepted() {
        for (ModuleDefinition module : registry.all()) {
            for (ArgumentSpec argument : module.arguments()) {
                List<Object> values = new ArrayList<>(argument.allowed());
                if (argument.defaultValue() != null) {
                    values.add(argument.defaultValue() instanceof Duration d ? DurationText.format(d) : argument.defaultValue());
                }
                for (Object value : values) {
                    Object[] args = argument.name().equals("name") || !module.arguments().stream().anyMatch(ArgumentSpec::required)
                            ? new Object[] {argument.name(), value} : new Object[] {argument.name(), value, "name", "X"};
                    Diagnostics diagnostics = new Diagnostics();
                    validate(module.name(), diagnostics, args);
                    assertThat(diagnostics.all()).as("%s %s=%s", module.name(), argument.name(), value).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2h,7200", "90m,5400", "1h30m,5400", "5400,5400", "1d,86400", "45m30s,2730", "2H,7200"})
    void durations(String text, long seconds) {
        AuthCertificateSpec spec = (AuthCertificateSpec) valid(AuthCertificateSpec.MODULE, "replication_timeout", text);
        assertThat(spec.replicationTimeout()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void durationsAsNumbersAreSeconds() {
        AuthCertificateSpec spec = (AuthCertificateSpec) valid(AuthCertificateSpec.MODULE, "replication_timeout", 600);
        assertThat(spec.replicationTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void textFromTheCommandLineBecomesNumbersAndBooleans() {
        AuthCertificateSpec spec = (AuthCertificateSpec) valid(AuthCertificateSpec.MODULE,
                "renew_before_days", "90", "clear_previous", "no", "key_size", "4096", "domain_names", "a.contoso.com, b.contoso.com");
        assertThat(spec.renewBeforeDays()).isEqualTo(90);
        assertThat(spec.clearPrevious()).isFalse();
        assertThat(spec.keySize()).isEqualTo(4096);
        assertThat(spec.domainNames()).containsExactly("a.contoso.com", "b.contoso.com");
    }

    @Test
    void everyProblemOfOneTaskIsReported() {
        List<Diagnostic> errors = problems(AuthCertificateSpec.MODULE, "rotation", "sometimes", "stage_days", 1,
                "hybird", "stop", "subject", "Auth");
        assertThat(errors).extracting(Diagnostic::message).containsExactly(
                "'rotation' of module 'exchange_auth_certificate' must be one of auto, staged, immediate; got 'sometimes'",
                "'stage_days' of module 'exchange_auth_certificate' must be between 2 and 365; got the number 1",
                "unknown argument 'hybird' for module 'exchange_auth_certificate'");
        assertThat(errors.get(2).hint()).isEqualTo("did you mean 'hybrid'?");
    }

    @Test
    void crossChecksRunWhenEachArgumentIsValid() {
        assertThat(problems(AuthCertificateSpec.MODULE, "subject", "Microsoft Exchange Server Auth Certificate",
                "domain_names", List.of("mail.contoso.com", "not a name"), "primary", " "))
                .extracting(Diagnostic::message).containsExactly(
                        "'subject' must be a distinguished name starting with CN=; got 'Microsoft Exchange Server Auth Certificate'",
                        "'domain_names' holds 'not a name', which is not a DNS name",
                        "'primary' must not be empty");
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        AuthCertificateSpec spec = (AuthCertificateSpec) valid(AuthCertificateSpec.MODULE, "stage_days", null);
        assertThat(spec.stageDays()).isEqualTo(30);
    }

    @Test
    void docsHoldEveryModulesTableAsTheRegistryRendersIt() throws IOException {
        String docs = Files.readString(Path.of("docs/playbook.md"));
        for (ModuleDefinition module : registry.all()) {
            String section = "### `" + module.name() + "`\n\n" + module.description() + "\n\n" + ModuleDocs.table(module);
            assertThat(docs).as("docs/playbook.md must contain, verbatim:%n%s", section).contains(section);
        }
        // and no table for a module that does not exist
        long headings = docs.lines().filter(l -> l.startsWith("### `")).count();
        assertThat(headings).isEqualTo(registry.all().size());
    }
}
