package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parameter binding: what a cmdlet receives, and the binder's errors as PowerShell words them. */
class BinderTest {

    /** A cmdlet that prints what it was bound with, in the shape of Set-AuthConfig's parameter sets. */
    private static final Cmdlet PROBE = StubCmdlet.of("Set-Probe", List.of(
            Parameter.named("NewCertificateThumbprint", PsType.STRING).mandatory().sets("New"),
            Parameter.named("NewCertificateEffectiveDate", PsType.DATETIME).sets("New"),
            Parameter.named("PublishCertificate", PsType.SWITCH).mandatory().sets("Publish"),
            Parameter.named("KeySize", PsType.INT32).sets("New"),
            Parameter.named("PrivateKeyExportable", PsType.BOOLEAN).sets("New"),
            Parameter.named("Services", PsType.enumOf(StubExchange.SERVICES)).sets("New"),
            Parameter.named("DomainName", PsType.STRING_ARRAY).sets("New"),
            Parameter.named("Server", PsType.STRING).position(0),
            Parameter.named("Force", PsType.SWITCH)), (call, p) -> {
                StringBuilder sb = new StringBuilder(p.parameterSet() + ":");
                for (String n : p.names()) {
                    Object v = p.get(n);
                    sb.append(' ').append(n).append('=').append(v instanceof List<?> l ? "[" + l.size() + "]"
                            + LanguagePrimitives.toStringValue(v) : v instanceof PsDateTime d ? d.roundTrip()
                            : LanguagePrimitives.toStringValue(v));
                }
                call.write(sb.toString());
            });

    static final Object[][] BOUND = {
        {"named with prefix and alias-free switch", "Set-Probe -NewCertificateT 'AB' -Force",
                "New: NewCertificateThumbprint=AB Force=True"},
        {"switch with explicit value", "Set-Probe -PublishCertificate -Force:$false",
                "Publish: PublishCertificate=True Force=False"},
        {"colon value", "Set-Probe -NewCertificateThumbprint:'CD' -KeySize:2048",
                "New: NewCertificateThumbprint=CD KeySize=2048"},
        {"positional", "Set-Probe EX01 -PublishCertificate", "Publish: PublishCertificate=True Server=EX01"},
        {"conversions", "Set-Probe -NewCertificateThumbprint 'AB' -KeySize '4096' -PrivateKeyExportable $true "
                + "-NewCertificateEffectiveDate '2026-12-01T00:00:00Z' -Services 'IIS,SMTP' -DomainName @()",
                "New: NewCertificateThumbprint=AB KeySize=4096 PrivateKeyExportable=True "
                        + "NewCertificateEffectiveDate=2026-12-01T00:00:00.0000000+00:00 Services=IIS, SMTP DomainName=[0]"},
        {"get-date as a date", "Set-Probe -NewCertificateThumbprint 'AB' -NewCertificateEffectiveDate (Get-Date)",
                "New: NewCertificateThumbprint=AB NewCertificateEffectiveDate=2026-11-26T04:15:30.1234567+00:00"},
        {"none enum value", "Set-Probe -NewCertificateThumbprint 'AB' -Services None",
                "New: NewCertificateThumbprint=AB Services=None"},
    };

    static final Object[][] ERRORS = {
        {"unknown parameter", "Set-Probe -Bogus 1",
                "Set-Probe : A parameter cannot be found that matches parameter name 'Bogus'.",
                "NamedParameterNotFound,Microsoft.Exchange.Management.Stub.SetProbe"},
        {"ambiguous prefix", "Set-Probe -New 'x'",
                "Set-Probe : Parameter cannot be processed because the parameter name 'New' is ambiguous. Possible matches "
                        + "include: -NewCertificateThumbprint -NewCertificateEffectiveDate.",
                "AmbiguousParameter,Microsoft.Exchange.Management.Stub.SetProbe"},
        {"missing argument", "Set-Probe -KeySize", "Set-Probe : Missing an argument for parameter 'KeySize'. Specify a "
                + "parameter of type 'System.Int32' and try again.", "MissingArgument,"},
        {"bad integer", "Set-Probe -NewCertificateThumbprint 'AB' -KeySize big", "Set-Probe : Cannot bind parameter "
                + "'KeySize'. Cannot convert value \"big\" to type \"System.Int32\". Error: \"Input string was not in a "
                + "correct format.\"", "CannotConvertArgumentNoMessage,"},
        {"boolean from a string", "Set-Probe -NewCertificateThumbprint 'AB' -PrivateKeyExportable 'yes'",
                "Set-Probe : Cannot process argument transformation on parameter 'PrivateKeyExportable'. Cannot convert "
                        + "value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean "
                        + "values and numbers, such as $True, $False, 1 or 0.", "ParameterArgumentTransformationError,"},
        {"sets that cannot go together", "Set-Probe -NewCertificateThumbprint 'AB' -PublishCertificate",
                "Set-Probe : Parameter set cannot be resolved using the specified named parameters.",
                "AmbiguousParameterSet,"},
        {"missing mandatory", "Set-Probe -KeySize 2048", "Set-Probe : Cannot process command because of one or more "
                + "missing mandatory parameters: NewCertificateThumbprint.", "MissingMandatoryParameter,"},
        {"too many positionals", "Set-Probe EX01 EX02 -PublishCertificate",
                "Set-Probe : A positional parameter cannot be found that accepts argument 'EX02'.",
                "PositionalParameterNotFound,"},
        {"given twice", "Set-Probe -Server a -Server b -PublishCertificate", "Set-Probe : Cannot bind parameter because "
                + "parameter 'Server' is specified more than once.", "ParameterAlreadyBound,"},
        {"null for a mandatory", "Set-Probe -NewCertificateThumbprint $null",
                "Set-Probe : Cannot bind argument to parameter 'NewCertificateThumbprint' because it is null.",
                "ParameterArgumentValidationErrorNullNotAllowed,"},
        {"bad enum", "Set-Probe -NewCertificateThumbprint 'AB' -Services Mail", "Set-Probe : Cannot bind parameter "
                + "'Services'. Cannot convert value \"Mail\" to type", "CannotConvertArgumentNoMessage,"},
        {"bad erroraction", "Set-Probe -PublishCertificate -ErrorAction Maybe", "Set-Probe : Cannot bind parameter "
                + "'ErrorAction'.", "CannotConvertArgumentNoMessage,"},
    };

    private static PowerShellHost host() {
        CmdletRegistry r = CmdletRegistry.withBuiltins();
        r.register(PROBE);
        return PsRun.host(r);
    }

    static Stream<Arguments> bound() {
        return Stream.of(BOUND).map(c -> Arguments.of(c));
    }

    static Stream<Arguments> errors() {
        return Stream.of(ERRORS).map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bound")
    void bindsAsPowerShellDoes(String name, String script, String expected) {
        PsRun.Result r = PsRun.run(host(), script);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo(expected + "\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsBindingErrorsAsPowerShellDoes(String name, String script, String message, String errorId) {
        PsRun.Result r = PsRun.run(host(), script);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith(message).contains("FullyQualifiedErrorId : " + errorId);
    }

    @Test
    void everyScriptIsValidPowerShell() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Object[] c : BOUND) {
            scripts.put("bind-" + c[0], (String) c[1]);
        }
        for (Object[] c : ERRORS) {
            scripts.put("bind-err-" + c[0], (String) c[1]);
        }
        PsSyntaxCheck.assertValid(scripts);
    }
}
