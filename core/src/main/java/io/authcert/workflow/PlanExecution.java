package io.authcert.workflow;

import io.authcert.plan.Plan;
import io.authcert.run.Replanner;
import io.authcert.run.RunResult;

/** Runs a confirmed plan (the executor with its journal and reports); {@code replanner} answers a lost response. */
@FunctionalInterface
public interface PlanExecution {

    RunResult execute(Plan plan, Replanner replanner) throws Exception;
}
