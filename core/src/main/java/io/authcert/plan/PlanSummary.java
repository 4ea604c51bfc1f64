package io.authcert.plan;

/** The counts of the summary line, as Terraform's "Plan: 1 to add, 0 to change, 0 to destroy." */
public record PlanSummary(int create, int change, int restart, int remove, int waits, int followups) {

    public static PlanSummary of(Plan plan) {
        int create = 0;
        int change = 0;
        int restart = 0;
        int remove = 0;
        int waits = 0;
        int followups = 0;
        for (Step s : plan.steps()) {
            switch (s.action()) {
                case CREATE_CERTIFICATE, IMPORT_CERTIFICATE -> create++;
                case STAGE_NEXT_CERTIFICATE, PUBLISH_CERTIFICATE, BIND_BACKEND_CERTIFICATE -> change++;
                case RESTART_SERVICE, RECYCLE_APP_POOL -> restart++;
                case CLEAR_PREVIOUS_CERTIFICATE -> remove++;
                case WAIT_FOR_CERTIFICATE, WAIT_FOR_AUTH_CONFIG -> waits++;
                case MANUAL_FOLLOWUP -> followups++;
            }
        }
        return new PlanSummary(create, change, restart, remove, waits, followups);
    }

    /** "Plan: 1 to create, 2 to change, 6 to restart, 1 to remove." plus waits when there are any. */
    public String line() {
        return "Plan: " + create + " to create, " + change + " to change, " + restart + " to restart, " + remove
                + " to remove" + (waits > 0 ? " (" + waits + (waits == 1 ? " wait" : " waits") + ")" : "") + ".";
    }
}
