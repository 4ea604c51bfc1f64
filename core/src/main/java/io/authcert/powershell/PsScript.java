package io.authcert.powershell;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole PowerShell script built from checked parts: a fixed preamble (stop on errors, UTF-8
 * output), then commands and assignments. {@link #render()} goes to the server;
 * {@link #renderRedacted()} goes into plans and logs.
 */
public final class PsScript {

    /**
     * What every engine script starts with. The Exchange cmdlets are not loaded here: the transport wraps each
     * script with {@link ExchangeShellScript} for the host's {@code authcert_exchange_shell}.
     */
    public static final List<String> PREAMBLE = List.of(
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8");

    /** What stands for a secret in {@link #renderRedacted()}: a text containing it is not the script to send. */
    public static final String REDACTED = io.authcert.vault.Secret.REDACTED;

    private interface Line {
        String render(boolean redacted);
    }

    private final List<Line> lines = new ArrayList<>();

    private PsScript(boolean preamble) {
        if (preamble) {
            PREAMBLE.forEach(this::constant);
        }
    }

    /** A script with the standard preamble. */
    public static PsScript create() {
        return new PsScript(true);
    }

    /** A script without the preamble (for fragments). */
    public static PsScript bare() {
        return new PsScript(false);
    }

    /**
     * A whole script shipped with the engine as a class-path resource (such as the fact-gathering
     * script): fixed text written by us, never built from data, so it is taken line by line as
     * {@link #constant(String)} lines.
     */
    public static PsScript resource(Class<?> anchor, String name) {
        try (java.io.InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script resource missing from the build: " + name);
            }
            PsScript script = new PsScript(false);
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\uFEFF", "").lines().forEach(script::constant);
            return script;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read script resource " + name, e);
        }
    }

    public PsScript command(PsCommand command) {
        lines.add(command::render);
        return this;
    }

    /** {@code $name = <command>}. */
    public PsScript assign(String variable, PsCommand command) {
        String target = PsValue.variable(variable).render();
        lines.add(redacted -> target + " = " + command.render(redacted));
        return this;
    }

    /**
     * A line of fixed script text written in the engine's source code, never built from data. Use
     * {@link PsCommand} and {@link PsValue} for anything that carries a value.
     */
    public PsScript constant(String line) {
        lines.add(redacted -> line);
        return this;
    }

    /** A line whose {@code {}} placeholders are filled with values, in order. */
    public PsScript template(String pattern, PsValue... values) {
        lines.add(redacted -> fill(pattern, values, redacted));
        return this;
    }

    public String render() {
        return join(false);
    }

    /**
     * {@code script} as powershell.exe's {@code -EncodedCommand} wants it: Base64 of its UTF-16LE bytes.
     * The one encoder for every transport, so the local and the WinRM ones cannot drift apart.
     */
    public static String encodedCommand(String script) {
        return java.util.Base64.getEncoder().encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    }

    public String renderRedacted() {
        return join(true);
    }

    private String join(boolean redacted) {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            sb.append(line.render(redacted)).append('\n');
        }
        return sb.toString();
    }

    private static String fill(String pattern, PsValue[] values, boolean redacted) {
        StringBuilder sb = new StringBuilder();
        int next = 0;
        int from = 0;
        int at;
        while ((at = pattern.indexOf("{}", from)) >= 0) {
            if (next >= values.length) {
                throw new IllegalArgumentException("more {} than values in: " + pattern);
            }
            PsValue v = values[next++];
            sb.append(pattern, from, at).append(redacted ? v.renderRedacted() : v.render());
            from = at + 2;
        }
        if (next != values.length) {
            throw new IllegalArgumentException("more values than {} in: " + pattern);
        }
        return sb.append(pattern.substring(from)).toString();
    }

    @Override
    public String toString() {
        return renderRedacted();
    }
}
