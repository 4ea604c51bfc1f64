package io.authcert.lab.pwsh;

import java.util.List;

/**
 * A script block value ({@code { ... }}) that a cmdlet can run, e.g. Where-Object's filter. Running it
 * sets {@code $_} and {@code $PSItem} to {@code dollarUnder}; the result is the block's output.
 */
public interface ScriptBlock {

    /** Runs the block; returns its output objects. Errors propagate as {@link PsException}. */
    List<Object> invoke(Object dollarUnder, List<Object> arguments);

    /** The block's source text between the braces, as {@code ToString()} returns it. */
    String text();
}
