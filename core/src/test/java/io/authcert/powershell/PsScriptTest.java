package io.authcert.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.testing.PsSyntaxCheck;
import io.authcert.vault.Secret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PsScriptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "plain|'plain'",
        "O'Brien|'O''Brien'",
        "''|''''''",
        "a\u2019b|'a\u2019\u2019b'",
        "$(Remove-Item C:\\)|'$(Remove-Item C:\\)'",
    })
    void stringsBecomeSingleQuotedLiterals(String in, String expected) {
        assertThat(PsValue.string(in).render()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABC", "G000000000000000000000000000000000000000", "0123456789abcdef0123456789abcdef01234567'; rm"})
    void invalidThumbprintsAreRefused(String value) {
        assertThatThrownBy(() -> PsValue.thumbprint(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thumbprintsAreUpperCasedAndQuoted() {
        assertThat(PsValue.thumbprint("0123456789abcdef0123456789abcdef01234567").render())
                .isEqualTo("'0123456789ABCDEF0123456789ABCDEF01234567'");
    }

    @Test
    void secretsAreRedactedInThePlanButNotOnTheWire() {
        PsScript script = PsScript.bare().command(PsCommand.of("Import-ExchangeCertificate")
                .param("Password", PsValue.secret(Secret.of("s3cr3t'x"))));
        assertThat(script.render()).contains("'s3cr3t''x'");
        assertThat(script.renderRedacted()).doesNotContain("s3cr3t").contains("'********'");
    }

    @Test
    void builtScriptsAreValidPowerShell() {
        PsScript script = PsScript.create()
                .assign("cert", PsCommand.of("New-ExchangeCertificate").param("KeySize", PsValue.integer(2048))
                        .param("SubjectName", PsValue.string("cn=Microsoft Exchange Server Auth Certificate"))
                        .param("DomainName", PsValue.strings(List.of())).flag("PrivateKeyExportable", true).flag("Force"))
                .command(PsCommand.of("Set-AuthConfig").param("NewCertificateThumbprint", PsValue.variable("cert"))
                        .param("NewCertificateEffectiveDate", PsValue.instant(Instant.parse("2026-12-01T10:00:00Z"))))
                .template("Write-Output {}", PsValue.string("it's done"));
        PsSyntaxCheck.assertValid("built", script.render());
    }
}
