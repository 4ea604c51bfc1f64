package io.authcert.cli;

import io.authcert.plan.Plan;
import io.authcert.plan.PlanTextRenderer;

/** Shows a plan to a person, the same for {@code plan} and {@code apply}: {@link PlanTextRenderer}'s text. */
final class PlanPrinter {

    private final Terminal terminal;

    PlanPrinter(Terminal terminal) {
        this.terminal = terminal;
    }

    void print(Plan plan) {
        terminal.out().print(new PlanTextRenderer().render(plan));
        terminal.out().flush();
    }
}
