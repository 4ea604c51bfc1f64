package io.authcert.workflow;

import io.authcert.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One apply, decided before anything connects: the inventory sources (they name the lock), the
 * selected play and hosts, the options, and for {@code engine apply PLAN.json} the saved plan and
 * its file. Immutable; built with {@link #builder()}, which names every missing field at once.
 */
public record ApplyRequest(List<Path> inventories, SelectedPlay play, ApplyOptions options, Plan savedPlan, Path savedPlanFile) {

    public ApplyRequest {
        List<String> missing = new ArrayList<>();
        if (inventories == null || inventories.isEmpty()) {
            missing.add("inventories");
        }
        if (play == null) {
            missing.add("play");
        }
        if (options == null) {
            missing.add("options");
        }
        if ((savedPlan == null) != (savedPlanFile == null)) {
            missing.add(savedPlan == null ? "savedPlan" : "savedPlanFile");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("an apply request needs " + String.join(", ", missing));
        }
        inventories = List.copyOf(inventories);
    }

    /** True when a saved plan is applied exactly (after the staleness check), false to plan from fresh facts. */
    public boolean fromSavedPlan() {
        return savedPlan != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields; {@link #build()} reports every one that is missing. */
    public static final class Builder {
        private List<Path> inventories;
        private SelectedPlay play;
        private ApplyOptions options;
        private Plan savedPlan;
        private Path savedPlanFile;

        private Builder() {
        }

        public Builder inventories(List<Path> inventories) {
            this.inventories = inventories;
            return this;
        }

        public Builder play(SelectedPlay play) {
            this.play = play;
            return this;
        }

        public Builder options(ApplyOptions options) {
            this.options = options;
            return this;
        }

        /** Apply exactly this plan, read from {@code file}. */
        public Builder savedPlan(Plan plan, Path file) {
            this.savedPlan = plan;
            this.savedPlanFile = file;
            return this;
        }

        public ApplyRequest build() {
            return new ApplyRequest(inventories, play, options, savedPlan, savedPlanFile);
        }
    }
}
