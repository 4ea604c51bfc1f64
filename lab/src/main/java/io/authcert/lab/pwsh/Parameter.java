package io.authcert.lab.pwsh;

import java.util.List;
import java.util.Set;

/**
 * One declared cmdlet parameter. Build with {@link #named} and the {@code with...} methods:
 * <pre>
 * Parameter.named("Thumbprint", PsType.STRING).position(0).pipeline().aliases("Identity")
 * Parameter.named("Force", PsType.SWITCH)
 * Parameter.named("NewCertificateThumbprint", PsType.STRING).mandatory().sets("NewCertificateParameterSet")
 * </pre>
 *
 * @param name          the name as declared (binding is case-insensitive and accepts unambiguous prefixes)
 * @param type          the type arguments convert to
 * @param isMandatory   a missing mandatory parameter fails (non-interactive: no prompt)
 * @param position      the positional index, or -1 for named only
 * @param fromPipeline  ValueFromPipeline: each pipeline object binds here
 * @param fromPipelineByPropertyName ValueFromPipelineByPropertyName: a property of that name binds here
 * @param aliases       other names
 * @param sets          the parameter sets it belongs to; empty means all sets
 * @param remainingArguments ValueFromRemainingArguments: positional arguments left over bind here as a list
 */
public record Parameter(String name, PsType type, boolean isMandatory, int position, boolean fromPipeline,
                        boolean fromPipelineByPropertyName, List<String> aliases, Set<String> sets,
                        boolean remainingArguments) {

    public Parameter {
        aliases = List.copyOf(aliases);
        sets = Set.copyOf(sets);
    }

    public static Parameter named(String name, PsType type) {
        return new Parameter(name, type, false, -1, false, false, List.of(), Set.of(), false);
    }

    public Parameter mandatory() {
        return new Parameter(name, type, true, position, fromPipeline, fromPipelineByPropertyName, aliases, sets, remainingArguments);
    }

    public Parameter position(int index) {
        return new Parameter(name, type, isMandatory, index, fromPipeline, fromPipelineByPropertyName, aliases, sets, remainingArguments);
    }

    public Parameter pipeline() {
        return new Parameter(name, type, isMandatory, position, true, fromPipelineByPropertyName, aliases, sets, remainingArguments);
    }

    public Parameter pipelineByPropertyName() {
        return new Parameter(name, type, isMandatory, position, fromPipeline, true, aliases, sets, remainingArguments);
    }

    public Parameter aliases(String... names) {
        return new Parameter(name, type, isMandatory, position, fromPipeline, fromPipelineByPropertyName, List.of(names), sets, remainingArguments);
    }

    public Parameter sets(String... names) {
        return new Parameter(name, type, isMandatory, position, fromPipeline, fromPipelineByPropertyName, aliases, Set.of(names), remainingArguments);
    }

    /** ValueFromRemainingArguments (Write-Host 'a' 'b'). */
    public Parameter remaining() {
        return new Parameter(name, type, isMandatory, position, fromPipeline, fromPipelineByPropertyName, aliases, sets, true);
    }

    /** -WhatIf and -Confirm, for cmdlets that support ShouldProcess (declare them with your own). */
    public static List<Parameter> shouldProcess() {
        return List.of(named("WhatIf", PsType.SWITCH).aliases("wi"), named("Confirm", PsType.SWITCH).aliases("cf"));
    }

    public boolean isSwitch() {
        return type == PsType.SWITCH;
    }

    boolean inSet(String set) {
        return sets.isEmpty() || sets.contains(set);
    }
}
