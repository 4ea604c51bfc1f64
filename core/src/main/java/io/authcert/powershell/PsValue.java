package io.authcert.powershell;

import io.authcert.vault.Secret;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A value written into a PowerShell script. The only way to put data into a script: every string
 * becomes a single-quoted literal, thumbprints and names are validated, numbers are numbers.
 */
public sealed interface PsValue {

    /** The text as it appears in the script; secrets in clear. */
    String render();

    /** The text as it may appear in a plan or log: secrets replaced. */
    default String renderRedacted() {
        return render();
    }

    Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}");

    /** A string as a single-quoted literal ({@code ''} escapes a quote, including typographic quotes). */
    static PsValue string(String value) {
        return new Literal(quote(value));
    }

    /** A certificate thumbprint: exactly 40 hex digits, written upper-case and quoted. */
    static PsValue thumbprint(String value) {
        if (value == null || !THUMBPRINT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a certificate thumbprint (40 hex digits): " + value);
        }
        return new Literal(quote(value.toUpperCase(Locale.ROOT)));
    }

    /** A service, app pool or server name: letters, digits, space, dot, underscore, hyphen. */
    static PsValue name(String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid name: " + value);
        }
        return new Literal(quote(value));
    }

    static PsValue integer(long value) {
        return new Literal(Long.toString(value));
    }

    static PsValue bool(boolean value) {
        return new Literal(value ? "$true" : "$false");
    }

    /** A point in time: {@code [datetime]::Parse('2026-11-28T09:00:00.0000000Z').ToUniversalTime()}. */
    static PsValue instant(Instant value) {
        String iso = DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS));
        return new Literal("(Get-Date -Date " + quote(iso) + ")");
    }

    /** An array of strings: {@code @('a', 'b')}; {@code @()} when empty. */
    static PsValue strings(List<String> values) {
        StringBuilder sb = new StringBuilder("@(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return new Literal(sb.append(')').toString());
    }

    /** A secret string: quoted in the script, {@code '********'} in plans and logs. */
    static PsValue secret(Secret value) {
        return new SecretLiteral(value);
    }

    /** A reference to a variable the script itself set ({@code $thumbprint}); the name is checked. */
    static PsValue variable(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        return new Literal("$" + name);
    }

    /** Quotes text as a PowerShell single-quoted string. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            // PowerShell treats the typographic single quotes as quote characters too.
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** Text already known to be safe: produced only by the factories above. */
    record Literal(String text) implements PsValue {
        @Override
        public String render() {
            return text;
        }
    }

    /** A secret: clear only in {@link #render()}. */
    record SecretLiteral(Secret secret) implements PsValue {
        @Override
        public String render() {
            return quote(secret.reveal());
        }

        @Override
        public String renderRedacted() {
            return quote(Secret.REDACTED);
        }

        @Override
        public String toString() {
            return "SecretLiteral[" + Secret.REDACTED + "]";
        }
    }
}
