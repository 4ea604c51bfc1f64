package io.authcert.lab.pwsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Cmdlets that need the runspace itself: Add-PSSnapin, Get-Command, Write-Error. */
final class CoreCmdlets {

    private CoreCmdlets() {
    }

    static List<Cmdlet> all() {
        return List.of(new AddPSSnapin(), new GetCommand(), new WriteError(), new NewObject(), new ImportModule());
    }

    private static CommandProcessor processor(Invocation call) {
        return (CommandProcessor) call;
    }

    /** Add-PSSnapin: loads an installed snap-in; unknown ones fail as on Windows. */
    static final class AddPSSnapin implements Cmdlet {
        @Override
        public String name() {
            return "Add-PSSnapin";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.AddPSSnapinCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).mandatory().pipelineByPropertyName(),
                    Parameter.named("PassThru", PsType.SWITCH));
        }

        @Override
        public void invoke(Invocation call) {
            Runspace rs = processor(call).interpreter().runspace();
            for (Object n : call.parameters().list("Name")) {
                String name = LanguagePrimitives.toStringValue(n);
                if (!rs.session().registry().isSnapInInstalled(name)) {
                    call.writeError(ErrorRecord.about(name, "The Windows PowerShell snap-in '" + name
                            + "' is not installed on this computer.", ErrorCategory.InvalidArgument, "AddPSSnapInRead",
                            "PSArgumentException"));
                    continue;
                }
                if (rs.snapIns().stream().anyMatch(s -> s.equalsIgnoreCase(name))) {
                    call.writeError(ErrorRecord.about(name, "Cannot add Windows PowerShell snap-in " + name
                            + " because it is already added. Verify the name of the snap-in, and then try again.",
                            ErrorCategory.InvalidArgument, "AddPSSnapInRead", "PSArgumentException"));
                    continue;
                }
                rs.snapIns().add(name);
                if (call.parameters().flag("PassThru")) {
                    call.write(new PsObject("System.Management.Automation.PSSnapInInfo").set("Name", name)
                            .set("PSVersion", "1.0").set("Description", name));
                }
            }
        }
    }

    /** Get-Command: finds cmdlets (visible with the loaded snap-ins) and functions. */
    static final class GetCommand implements Cmdlet {
        @Override
        public String name() {
            return "Get-Command";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.GetCommandCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).pipeline(),
                    Parameter.named("Module", PsType.STRING_ARRAY),
                    Parameter.named("CommandType", PsType.STRING_ARRAY).aliases("Type"));
        }

        @Override
        public void invoke(Invocation call) {
            Interpreter in = processor(call).interpreter();
            Runspace rs = in.runspace();
            List<Object[]> all = new ArrayList<>();
            for (Cmdlet c : rs.session().registry().visible(rs.snapIns())) {
                all.add(new Object[] {c.name(), "Cmdlet", c});
            }
            for (String f : in.functionNames()) {
                all.add(new Object[] {f, "Function", null});
            }
            List<Object> names = call.parameters().list("Name");
            if (names.isEmpty()) {
                all.forEach(e -> call.write(info(e)));
                return;
            }
            for (Object n : names) {
                String name = LanguagePrimitives.toStringValue(n);
                boolean wildcard = name.contains("*") || name.contains("?");
                Pattern p = wildcardPattern(name);
                boolean found = false;
                for (Object[] e : all) {
                    if (p.matcher((String) e[0]).matches()) {
                        call.write(info(e));
                        found = true;
                    }
                }
                if (!found && !wildcard) {
                    call.writeError(ErrorRecord.about(name, "The term '" + name + "' is not recognized as the name of a "
                            + "cmdlet, function, script file, or operable program. Check the spelling of the name, or if a "
                            + "path was included, verify that the path is correct and try again.",
                            ErrorCategory.ObjectNotFound, "CommandNotFoundException", "CommandNotFoundException"));
                }
            }
        }

        private static Pattern wildcardPattern(String name) {
            StringBuilder sb = new StringBuilder();
            for (char c : name.toCharArray()) {
                sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
        }

        private static PsObject info(Object[] e) {
            String name = (String) e[0];
            String type = (String) e[1];
            String source = "";
            if (e[2] instanceof Cmdlet c) {
                String t = c.typeName();
                source = t.startsWith("Microsoft.Exchange") ? CmdletRegistry.EXCHANGE_SNAPIN
                        : "Microsoft.PowerShell.Utility";
            }
            return new PsObject(type.equals("Cmdlet") ? "System.Management.Automation.CmdletInfo"
                    : "System.Management.Automation.FunctionInfo")
                    .set("CommandType", type)
                    .set("Name", name)
                    .set("Version", type.equals("Cmdlet") ? "3.1.0.0" : "")
                    .set("Source", source)
                    .withDefaultDisplay("CommandType", "Name", "Version", "Source");
        }
    }

    /** Write-Error: a non-terminating error attributed to the calling script or function. */
    static final class WriteError implements Cmdlet {
        @Override
        public String name() {
            return "Write-Error";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.WriteErrorCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Message", PsType.STRING).position(0).pipeline().aliases("Msg"),
                    Parameter.named("ErrorId", PsType.STRING),
                    Parameter.named("Category", PsType.STRING),
                    Parameter.named("TargetObject", PsType.OBJECT),
                    Parameter.named("RecommendedAction", PsType.STRING),
                    Parameter.named("CategoryReason", PsType.STRING),
                    Parameter.named("CategoryTargetName", PsType.STRING),
                    Parameter.named("CategoryTargetType", PsType.STRING));
        }

        @Override
        public void invoke(Invocation call) {
            CommandProcessor p = processor(call);
            for (BoundParameters b : call.records()) {
                String message = b.string("Message") == null ? "" : b.string("Message");
                ErrorCategory category = ErrorCategory.NotSpecified;
                if (b.has("Category")) {
                    for (ErrorCategory c : ErrorCategory.values()) {
                        if (c.name().equalsIgnoreCase(b.string("Category"))) {
                            category = c;
                        }
                    }
                }
                String id = b.has("ErrorId") ? b.string("ErrorId") : "Microsoft.PowerShell.Commands.WriteErrorException";
                String reason = b.has("CategoryReason") ? b.string("CategoryReason") : "WriteErrorException";
                Object target = b.get("TargetObject");
                String targetName = b.has("CategoryTargetName") ? b.string("CategoryTargetName")
                        : target == null ? "" : LanguagePrimitives.toStringValue(target);
                String targetType = b.has("CategoryTargetType") ? b.string("CategoryTargetType")
                        : target == null ? "" : LanguagePrimitives.shortTypeName(target);
                ErrorRecord r = new ErrorRecord(message, category, id, targetName, targetType, reason);
                PsException e = new PsException(r).withContext(p.interpreter().writeErrorContext());
                p.writeError(e);
            }
        }
    }

    /** New-Object: the few .NET types scripts create (byte arrays, MemoryStream, hashtables). */
    static final class NewObject implements Cmdlet {
        @Override
        public String name() {
            return "New-Object";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.NewObjectCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("TypeName", PsType.STRING).position(0).mandatory(),
                    Parameter.named("ArgumentList", PsType.arrayOf(PsType.OBJECT)).position(1).aliases("Args"),
                    Parameter.named("Property", PsType.HASHTABLE));
        }

        @Override
        public void invoke(Invocation call) {
            CommandProcessor p = processor(call);
            Object o = p.interpreter().members().newObject(call.parameters().string("TypeName"),
                    call.parameters().list("ArgumentList"), p.command().extent());
            if (call.parameters().get("Property") instanceof PsHashtable props && o instanceof PsObject po) {
                props.keys().forEach(k -> po.set(LanguagePrimitives.toStringValue(k), props.get(k)));
            }
            call.write(o);
        }
    }

    /** Import-Module: succeeds for the modules the server has (cmdlets load on first use anyway, as in 5.1). */
    static final class ImportModule implements Cmdlet {
        @Override
        public String name() {
            return "Import-Module";
        }

        @Override
        public String typeName() {
            return "Microsoft.PowerShell.Commands.ImportModuleCommand";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.named("Name", PsType.STRING_ARRAY).position(0).mandatory(),
                    Parameter.named("Force", PsType.SWITCH), Parameter.named("PassThru", PsType.SWITCH),
                    Parameter.named("DisableNameChecking", PsType.SWITCH));
        }

        @Override
        public void invoke(Invocation call) {
            for (Object n : call.parameters().list("Name")) {
                String name = LanguagePrimitives.toStringValue(n);
                if (!call.session().registry().isModuleInstalled(name)) {
                    call.writeError(ErrorRecord.about(name, "The specified module '" + name + "' was not loaded because no "
                            + "valid module file was found in any module directory.", ErrorCategory.ResourceUnavailable,
                            "Modules_ModuleNotFound", "FileNotFoundException"));
                }
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
