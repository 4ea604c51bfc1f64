package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one cmdlet call: binds the command line to the declared parameters as PowerShell's binder
 * does (names, prefixes, aliases, switches, positions, types, parameter sets, mandatory), then
 * invokes the cmdlet with an {@link Invocation}.
 */
final class CommandProcessor implements Invocation {

    private static final List<Parameter> COMMON = List.of(
            Parameter.named("ErrorAction", PsType.STRING).aliases("ea"),
            Parameter.named("WarningAction", PsType.STRING).aliases("wa"),
            Parameter.named("InformationAction", PsType.STRING).aliases("infa"),
            Parameter.named("ErrorVariable", PsType.STRING).aliases("ev"),
            Parameter.named("WarningVariable", PsType.STRING).aliases("wv"),
            Parameter.named("InformationVariable", PsType.STRING).aliases("iv"),
            Parameter.named("OutVariable", PsType.STRING).aliases("ov"),
            Parameter.named("OutBuffer", PsType.INT32).aliases("ob"),
            Parameter.named("PipelineVariable", PsType.STRING).aliases("pv"),
            Parameter.named("Verbose", PsType.SWITCH).aliases("vb"),
            Parameter.named("Debug", PsType.SWITCH).aliases("db"));
    private static final Set<String> ACTIONS = Set.of("stop", "continue", "silentlycontinue", "ignore", "inquire",
            "suspend");

    private final Interpreter interpreter;
    private final Cmdlet cmdlet;
    private final Ast.Command command;
    private final List<Object> output = new ArrayList<>();
    private final Map<String, Object> common = new LinkedHashMap<>();
    private BoundParameters bound;
    private List<Object> input = List.of();
    private boolean expectingInput;
    private List<BoundParameters> records;
    private String parameterSet;

    CommandProcessor(Interpreter interpreter, Cmdlet cmdlet, Ast.Command command) {
        this.interpreter = interpreter;
        this.cmdlet = cmdlet;
        this.command = command;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    Ast.Command command() {
        return command;
    }

    List<Object> run(List<Object> pipelineInput) {
        this.expectingInput = pipelineInput != null;
        this.input = pipelineInput == null ? List.of() : List.copyOf(nullSafe(pipelineInput));
        bind();
        try {
            cmdlet.invoke(this);
        } catch (PsException e) {
            throw e.withContext(context());
        } catch (Interpreter.ExitSignal | Interpreter.ReturnSignal | Interpreter.BreakSignal
                 | Interpreter.ContinueSignal e) {
            throw e;
        } catch (RuntimeException e) {
            ErrorRecord r = ErrorRecord.of(String.valueOf(e.getMessage()), ErrorCategory.NotSpecified,
                    "System." + e.getClass().getSimpleName(), e.getClass().getSimpleName());
            throw new PsException(r).withContext(context());
        }
        return output;
    }

    private static List<Object> nullSafe(List<Object> in) {
        List<Object> out = new ArrayList<>();
        out.addAll(in);
        return java.util.Collections.unmodifiableList(out);
    }

    PsException.ErrorContext context() {
        return new PsException.ErrorContext(commandName() + " : ", command.extent(), commandName(), cmdlet.typeName());
    }

    private PsException bindingError(String message, ErrorCategory category, String errorId, Ast.Extent at) {
        return new PsException(ErrorRecord.of(message, category, errorId, "ParameterBindingException"))
                .withContext(new PsException.ErrorContext(commandName() + " : ", at == null ? command.extent() : at,
                        commandName(), cmdlet.typeName()));
    }

    // ---- binding -------------------------------------------------------------------------------------

    private void bind() {
        List<Parameter> declared = cmdlet.parameters();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Parameter> byName = new LinkedHashMap<>();
        List<Object[]> positional = new ArrayList<>();
        List<Ast.CommandElement> elements = command.elements();
        for (int i = 0; i < elements.size(); i++) {
            Ast.CommandElement el = elements.get(i);
            if (el instanceof Ast.Argument a) {
                positional.add(new Object[] {interpreter.evaluate(a.value()), a});
                continue;
            }
            Ast.ParameterToken token = (Ast.ParameterToken) el;
            Parameter p = resolve(token, declared);
            boolean isCommon = COMMON.contains(p);
            Object value;
            if (p.isSwitch()) {
                value = token.value() == null ? Boolean.TRUE : interpreter.evaluate(token.value());
            } else if (token.value() != null) {
                value = interpreter.evaluate(token.value());
            } else if (i + 1 < elements.size() && elements.get(i + 1) instanceof Ast.Argument a) {
                value = interpreter.evaluate(a.value());
                i++;
            } else {
                throw bindingError("Missing an argument for parameter '" + p.name() + "'. Specify a parameter of type '"
                        + p.type().name() + "' and try again.", ErrorCategory.InvalidArgument, "MissingArgument",
                        token.extent());
            }
            String key = p.name().toLowerCase(Locale.ROOT);
            if (values.containsKey(key) || common.containsKey(key)) {
                throw bindingError("Cannot bind parameter because parameter '" + p.name() + "' is specified more than "
                        + "once. To provide multiple values to parameters that can accept multiple values, use the array "
                        + "syntax. For example, \"-parameter value1,value2,value3\".", ErrorCategory.InvalidArgument,
                        "ParameterAlreadyBound", token.extent());
            }
            Object converted = convert(p, value, token.extent());
            if (isCommon) {
                if ((key.equals("erroraction") || key.equals("warningaction") || key.equals("informationaction"))
                        && !ACTIONS.contains(LanguagePrimitives.toStringValue(converted).toLowerCase(Locale.ROOT))) {
                    throw bindingError("Cannot bind parameter '" + p.name() + "'. Cannot convert value \""
                            + LanguagePrimitives.toStringValue(value) + "\" to type \"System.Management.Automation."
                            + "ActionPreference\". Error: \"Unable to match the identifier name "
                            + LanguagePrimitives.toStringValue(value) + " to a valid enumerator name. Specify one of the "
                            + "following enumerator names and try again:\r\nSilentlyContinue, Stop, Continue, Inquire, "
                            + "Ignore, Suspend\"", ErrorCategory.InvalidArgument, "CannotConvertArgumentNoMessage",
                            token.extent());
                }
                common.put(key, converted);
            } else {
                values.put(key, converted);
                byName.put(key, p);
            }
        }
        // positional arguments, in position order, within the parameter sets still possible
        Set<String> sets = candidateSets(byName.values());
        for (Object[] arg : positional) {
            Parameter target = null;
            for (Parameter p : declared) {
                if (p.position() < 0 || values.containsKey(p.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (sets != null && !p.sets().isEmpty() && p.sets().stream().noneMatch(sets::contains)) {
                    continue;
                }
                if (target == null || p.position() < target.position()) {
                    target = p;
                }
            }
            Ast.Argument a = (Ast.Argument) arg[1];
            if (target == null) {
                Parameter rest = declared.stream().filter(Parameter::remainingArguments).findFirst().orElse(null);
                if (rest != null) {
                    String key = rest.name().toLowerCase(Locale.ROOT);
                    Object prev = values.get(key);
                    List<Object> items = new ArrayList<>(prev == null ? List.of() : LanguagePrimitives.enumerate(prev));
                    items.add(arg[0]);
                    values.put(key, items);
                    byName.put(key, rest);
                    continue;
                }
            }
            if (target == null) {
                throw bindingError("A positional parameter cannot be found that accepts argument '"
                        + LanguagePrimitives.toStringValue(arg[0]) + "'.", ErrorCategory.InvalidArgument,
                        "PositionalParameterNotFound", null);
            }
            values.put(target.name().toLowerCase(Locale.ROOT), convert(target, arg[0], a.extent()));
            byName.put(target.name().toLowerCase(Locale.ROOT), target);
            sets = candidateSets(byName.values());
        }
        parameterSet = resolveSet(declared, byName.values(), sets);
        Map<String, Object> named = new LinkedHashMap<>();
        byName.forEach((k, p) -> named.put(p.name(), values.get(k)));
        bound = new BoundParameters(named, parameterSet);
        checkMandatory(declared, byName);
    }

    private Parameter resolve(Ast.ParameterToken token, List<Parameter> declared) {
        String name = token.name();
        List<Parameter> all = new ArrayList<>(declared);
        all.addAll(COMMON);
        for (Parameter p : all) {
            if (p.name().equalsIgnoreCase(name) || p.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return p;
            }
        }
        List<Parameter> matches = new ArrayList<>();
        for (Parameter p : all) {
            if (p.name().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) {
                matches.add(p);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw bindingError("A parameter cannot be found that matches parameter name '" + name + "'.",
                    ErrorCategory.InvalidArgument, "NamedParameterNotFound", token.extent());
        }
        StringBuilder possible = new StringBuilder();
        matches.forEach(p -> possible.append(" -").append(p.name()));
        throw bindingError("Parameter cannot be processed because the parameter name '" + name + "' is ambiguous. "
                + "Possible matches include:" + possible + ".", ErrorCategory.InvalidArgument, "AmbiguousParameter",
                token.extent());
    }

    private Object convert(Parameter p, Object value, Ast.Extent at) {
        if (value == Interpreter.VOID) {
            value = null;
        }
        if (value == null && p.isMandatory() && p.type() != PsType.SWITCH && p.type() != PsType.BOOLEAN) {
            throw new PsException(ErrorRecord.of("Cannot bind argument to parameter '" + p.name() + "' because it is null.",
                    ErrorCategory.InvalidData, "ParameterArgumentValidationErrorNullNotAllowed",
                    "ParameterBindingValidationException")).withContext(context(at));
        }
        if ("".equals(value) && p.isMandatory() && p.type() == PsType.STRING) {
            throw new PsException(ErrorRecord.of("Cannot bind argument to parameter '" + p.name()
                    + "' because it is an empty string.", ErrorCategory.InvalidData,
                    "ParameterArgumentValidationErrorEmptyStringNotAllowed", "ParameterBindingValidationException"))
                    .withContext(context(at));
        }
        try {
            return p.type().convert(value);
        } catch (PsType.ConversionException e) {
            if (p.type() == PsType.BOOLEAN || p.type() == PsType.SWITCH) {
                throw new PsException(ErrorRecord.of("Cannot process argument transformation on parameter '" + p.name()
                        + "'. Cannot convert value \"" + LanguagePrimitives.typeName(value) + "\" to type \""
                        + p.type().name() + "\". Boolean parameters accept only Boolean values and numbers, such as "
                        + "$True, $False, 1 or 0.", ErrorCategory.InvalidData, "ParameterArgumentTransformationError",
                        "ParameterBindingArgumentTransformationException")).withContext(context(at));
            }
            throw bindingError("Cannot bind parameter '" + p.name() + "'. " + e.getMessage(),
                    ErrorCategory.InvalidArgument, "CannotConvertArgumentNoMessage", at);
        }
    }

    private PsException.ErrorContext context(Ast.Extent at) {
        return new PsException.ErrorContext(commandName() + " : ", at == null ? command.extent() : at, commandName(),
                cmdlet.typeName());
    }

    /** The parameter sets every bound parameter belongs to; null when the cmdlet declares no sets. */
    private Set<String> candidateSets(java.util.Collection<Parameter> boundParams) {
        Set<String> all = new LinkedHashSet<>();
        cmdlet.parameters().forEach(p -> all.addAll(p.sets()));
        if (all.isEmpty()) {
            return null;
        }
        Set<String> candidates = new LinkedHashSet<>(all);
        for (Parameter p : boundParams) {
            if (!p.sets().isEmpty()) {
                candidates.retainAll(p.sets());
            }
        }
        return candidates;
    }

    private String resolveSet(List<Parameter> declared, java.util.Collection<Parameter> boundParams, Set<String> sets) {
        if (sets == null) {
            return null;
        }
        if (sets.isEmpty()) {
            throw bindingError("Parameter set cannot be resolved using the specified named parameters.",
                    ErrorCategory.InvalidArgument, "AmbiguousParameterSet", null);
        }
        if (sets.size() == 1) {
            return sets.iterator().next();
        }
        String def = cmdlet.defaultParameterSet();
        if (def != null && sets.contains(def)) {
            return def;
        }
        // the only set whose mandatory parameters are all given
        Set<String> bound = new HashSet<>();
        boundParams.forEach(p -> bound.add(p.name()));
        List<String> satisfied = new ArrayList<>();
        for (String set : sets) {
            boolean ok = true;
            for (Parameter p : declared) {
                if (p.isMandatory() && p.inSet(set) && !bound.contains(p.name()) && !(expectingInput
                        && (p.fromPipeline() || p.fromPipelineByPropertyName()))) {
                    ok = false;
                }
            }
            if (ok) {
                satisfied.add(set);
            }
        }
        if (satisfied.size() == 1) {
            return satisfied.get(0);
        }
        throw bindingError("Parameter set cannot be resolved using the specified named parameters.",
                ErrorCategory.InvalidArgument, "AmbiguousParameterSet", null);
    }

    private void checkMandatory(List<Parameter> declared, Map<String, Parameter> byName) {
        List<String> missing = new ArrayList<>();
        for (Parameter p : declared) {
            if (!p.isMandatory() || byName.containsKey(p.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (parameterSet != null && !p.inSet(parameterSet)) {
                continue;
            }
            if (expectingInput && (p.fromPipeline() || p.fromPipelineByPropertyName())) {
                continue;
            }
            missing.add(p.name());
        }
        if (!missing.isEmpty()) {
            throw bindingError("Cannot process command because of one or more missing mandatory parameters: "
                    + String.join(" ", missing) + ".", ErrorCategory.InvalidArgument, "MissingMandatoryParameter", null);
        }
    }

    // ---- pipeline records ------------------------------------------------------------------------------

    @Override
    public List<BoundParameters> records() {
        if (records != null) {
            return records;
        }
        records = new ArrayList<>();
        if (!expectingInput) {
            records.add(bound);
            return records;
        }
        for (Object item : input) {
            BoundParameters r = bindRecord(item);
            if (r != null) {
                records.add(r);
            }
        }
        return records;
    }

    private BoundParameters bindRecord(Object item) {
        Map<String, Object> values = new LinkedHashMap<>(bound.asMap());
        for (Parameter p : cmdlet.parameters()) {
            if (!p.fromPipeline() || bound.has(p.name()) || parameterSet != null && !p.inSet(parameterSet)) {
                continue;
            }
            try {
                values.put(p.name(), p.type().convert(item));
                return new BoundParameters(values, parameterSet);
            } catch (PsType.ConversionException e) {
                // try the next way to bind
            }
        }
        if (item instanceof PsObject o) {
            boolean any = false;
            for (Parameter p : cmdlet.parameters()) {
                if (!p.fromPipelineByPropertyName() || bound.has(p.name())) {
                    continue;
                }
                List<String> names = new ArrayList<>(p.aliases());
                names.add(0, p.name());
                for (String n : names) {
                    if (o.has(n)) {
                        try {
                            values.put(p.name(), p.type().convert(o.get(n)));
                            any = true;
                        } catch (PsType.ConversionException e) {
                            // not bindable by this property
                        }
                        break;
                    }
                }
            }
            if (any) {
                return new BoundParameters(values, parameterSet);
            }
        }
        writeError(ErrorRecord.about(LanguagePrimitives.toStringValue(item), "The input object cannot be bound to any "
                + "parameters for the command either because the command does not take pipeline input or the input and "
                + "its properties do not match any of the parameters that take pipeline input.",
                ErrorCategory.InvalidArgument, "InputObjectNotBound", "ParameterBindingException"));
        return null;
    }

    // ---- Invocation -----------------------------------------------------------------------------------

    @Override
    public String commandName() {
        return command.name() != null ? command.name() : cmdlet.name();
    }

    @Override
    public BoundParameters parameters() {
        return bound;
    }

    @Override
    public List<Object> input() {
        return input;
    }

    @Override
    public boolean expectingInput() {
        return expectingInput;
    }

    @Override
    public void write(Object value) {
        output.add(value);
    }

    @Override
    public void writeEnumerated(Object value) {
        if (value instanceof List<?> l) {
            output.addAll(l);
        } else {
            output.add(value);
        }
    }

    /** The effective -ErrorAction for this call. */
    String errorAction() {
        Object ea = common.get("erroraction");
        return ea != null ? LanguagePrimitives.toStringValue(ea) : interpreter.preference();
    }

    @Override
    public void writeError(ErrorRecord error) {
        writeError(new PsException(error).withContext(context()));
    }

    void writeError(PsException e) {
        String action = errorAction().toLowerCase(Locale.ROOT);
        interpreter.markFailed();
        switch (action) {
            case "stop" -> throw e;
            case "silentlycontinue" -> interpreter.recordError(e);
            case "ignore" -> {
                // neither shown nor recorded
            }
            default -> interpreter.reportError(e);
        }
    }

    @Override
    public void writeWarning(String text) {
        Object wa = common.get("warningaction");
        String action = wa != null ? LanguagePrimitives.toStringValue(wa)
                : LanguagePrimitives.toStringValue(interpreter.getVariable(null, "WarningPreference"));
        if (action.equalsIgnoreCase("SilentlyContinue") || action.equalsIgnoreCase("Ignore")) {
            return;
        }
        interpreter.runspace().output().writeStream("warning", List.of(text));
    }

    @Override
    public void writeHost(String text) {
        interpreter.flushOutput();
        interpreter.runspace().output().writeLine(text);
    }

    @Override
    public Session session() {
        return interpreter.runspace().session();
    }

    @Override
    public io.authcert.lab.Caller caller() {
        return interpreter.runspace().caller();
    }

    @Override
    public boolean snapInLoaded(String snapIn) {
        return interpreter.runspace().snapIns().stream().anyMatch(s -> s.equalsIgnoreCase(snapIn));
    }

    @Override
    public java.util.Optional<ImportedCommands> importedFrom(String snapIn, String cmdletName) {
        if (snapInLoaded(snapIn)) {
            return java.util.Optional.empty();
        }
        List<ImportedCommands> imports = interpreter.runspace().imports();
        for (int i = imports.size() - 1; i >= 0; i--) {
            ImportedCommands c = imports.get(i);
            if (c.snapIn().equalsIgnoreCase(snapIn) && c.provides(cmdletName)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void importCommands(ImportedCommands commands) {
        interpreter.runspace().imports().add(commands);
    }

    @Override
    public void removeImports(Object session) {
        interpreter.runspace().imports().removeIf(c -> c.session() == session);
    }

    @Override
    public List<Object> invoke(ScriptBlock block, Object dollarUnder, List<Object> arguments) {
        return block.invoke(dollarUnder, arguments);
    }

    /** Whether the common parameter was given (for cmdlets that honour -Verbose and the like). */
    boolean hasCommon(String name) {
        return common.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
