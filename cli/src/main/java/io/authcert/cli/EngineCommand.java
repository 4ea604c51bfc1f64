package io.authcert.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code engine} command: only subcommands do work. */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps the Exchange Server Auth certificate healthy on every server, as desired state over WinRM.",
        subcommands = {
            ValidateCommand.class,
            InventoryCommand.class,
            FactsCommand.class,
            PlanCommand.class,
            ShowCommand.class,
            ApplyCommand.class,
            RehearseCommand.class,
            LabCommand.class,
            VaultCommand.class,
            picocli.CommandLine.HelpCommand.class,
        },
        footer = {
            "",
            "Examples:",
            "  engine apply --lab                                   # heal the simulated outage on 3 lab servers",
            "  engine validate -i inventory/production playbooks/auth-certificate.yml",
            "  engine facts -i inventory/production",
            "  engine plan -i inventory/production playbooks/auth-certificate.yml --out plan.json",
            "  engine show plan.json --format markdown               # a saved plan, for a review",
            "  engine apply -i inventory/production plan.json",
            "  engine <command> --help                              # each command's options and examples",
            "",
            "Exit codes: 0 nothing to do or all done, 2 changes pending (plan --detailed-exitcode),",
            "3 needs a person (servers of the organisation outside the plan), 1 an error.",
        })
public final class EngineCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and transport details on errors.")
    void setDebug(boolean debug) {
        DebugFlag.set(debug);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
