package io.authcert.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A saved plan is a reviewed contract, not a script to trust: before it runs, it must be exactly what
 * the planner makes from the same facts at the same moment. This names every place where it is not
 * (an edited or appended script, a deleted phase or step, changed hosts, timeouts or batch sizes), so
 * an edit anywhere in what would run is refused. Warnings, follow-ups and the summary are not compared:
 * they run nothing.
 */
public final class SavedPlanCheck {

    private SavedPlanCheck() {
    }

    /** One line per difference between what the file says and what the planner makes; empty when they agree. */
    public static List<String> differences(Plan saved, Plan remade) {
        List<String> out = new ArrayList<>();
        if (!saved.hosts().equals(remade.hosts())) {
            out.add("hosts: the file says " + saved.hosts() + ", the planner " + remade.hosts());
        }
        if (!saved.failurePolicy().equals(remade.failurePolicy())) {
            out.add("failure_policy: the file says " + saved.failurePolicy() + ", the planner " + remade.failurePolicy());
        }
        int phases = Math.max(saved.phases().size(), remade.phases().size());
        for (int i = 0; i < phases; i++) {
            Phase file = i < saved.phases().size() ? saved.phases().get(i) : null;
            Phase planner = i < remade.phases().size() ? remade.phases().get(i) : null;
            if (file == null) {
                out.add("phase " + planner.number() + " (" + planner.name() + ") is missing from the file");
            } else if (planner == null) {
                out.add("phase " + file.number() + " (" + file.name() + ") is not one the planner makes");
            } else {
                phase(file, planner, out);
            }
        }
        return out;
    }

    private static void phase(Phase file, Phase planner, List<String> out) {
        String where = "phase " + planner.number() + " (" + planner.name() + ")";
        if (file.number() != planner.number() || !Objects.equals(file.name(), planner.name())) {
            out.add(where + ": the file has phase " + file.number() + " (" + file.name() + ") here");
        }
        if (!file.serial().equals(planner.serial())) {
            out.add(where + ": serial is " + file.serial() + " in the file, " + planner.serial() + " from the planner");
        }
        int steps = Math.max(file.steps().size(), planner.steps().size());
        for (int i = 0; i < steps; i++) {
            Step f = i < file.steps().size() ? file.steps().get(i) : null;
            Step p = i < planner.steps().size() ? planner.steps().get(i) : null;
            if (f == null) {
                out.add(where + ": step " + p.id() + " is missing from the file");
            } else if (p == null) {
                out.add(where + ": step " + f.id() + " is not one the planner makes");
            } else {
                step(where, f, p, out);
            }
        }
    }

    private static void step(String phase, Step file, Step planner, List<String> out) {
        String where = phase + ", step " + planner.id();
        if (!file.id().equals(planner.id())) {
            out.add(where + ": the file has step " + file.id() + " here");
            return;
        }
        field(where, "host", file.host(), planner.host(), out);
        field(where, "action", file.action().jsonName(), planner.action().jsonName(), out);
        field(where, "resource", file.resource(), planner.resource(), out);
        field(where, "org_wide", file.orgWide(), planner.orgWide(), out);
        field(where, "retryable", file.retryable(), planner.retryable(), out);
        field(where, "timeout_seconds", file.timeout().toSeconds(), planner.timeout().toSeconds(), out);
        field(where, "details", file.details(), planner.details(), out);
        field(where, "nudge", file.nudge(), planner.nudge(), out);
        script(where, file.script().shown(), planner.script().shown(), out);
    }

    private static void field(String where, String name, Object file, Object planner, List<String> out) {
        if (!Objects.equals(file, planner)) {
            out.add(where + ": " + name + " is " + PlanText.escape(String.valueOf(file)) + " in the file, "
                    + PlanText.escape(String.valueOf(planner)) + " from the planner");
        }
    }

    /** Names the first line that differs, both versions escaped so a reviewer sees every character. */
    private static void script(String where, String file, String planner, List<String> out) {
        if (file.equals(planner)) {
            return;
        }
        List<String> a = file.lines().toList();
        List<String> b = planner.lines().toList();
        int line = 0;
        while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
            line++;
        }
        String fileLine = line < a.size() ? PlanText.escape(a.get(line)) : "(no line)";
        String plannerLine = line < b.size() ? PlanText.escape(b.get(line)) : "(no line)";
        out.add(where + ": script line " + (line + 1) + " is \"" + fileLine + "\" in the file, \"" + plannerLine
                + "\" from the planner" + (a.size() != b.size() ? " (" + a.size() + " lines, not " + b.size() + ")" : ""));
    }
}
